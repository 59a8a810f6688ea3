/**
 * Prints the one closing line CI reads, summed over both runners:
 *
 *   tests: 230 passed, 0 failed, 2 skipped
 *
 * from tests/.output/vitest.json and tests/.output/playwright.json (written by
 * the JSON reporters in tests/vitest.config.ts and tests/playwright.config.ts).
 * A missing or unreadable file, a test file that failed to load, or a
 * Playwright setup error (e.g. the site did not build) counts as a failure.
 * Exits 1 when anything failed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const outputDir = fileURLToPath(new URL('./.output/', import.meta.url));

function readJson(name: string): unknown {
  try {
    return JSON.parse(readFileSync(`${outputDir}${name}`, 'utf8'));
  } catch (error) {
    console.error(`summarise-results: cannot read tests/.output/${name}: ${String(error)}`);
    return undefined;
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: unknown[] }[];
}

function vitestCounts(report: VitestReport | undefined): Counts {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  // A file that fails to import has no assertion results but a failed status.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  for (const file of brokenFiles) console.error(`summarise-results: ${file.name} failed to run: ${file.message ?? ''}`);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: { message?: string }[];
}

function playwrightCounts(report: PlaywrightReport | undefined): Counts {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  // Errors outside tests: web server did not start, config or global setup failed.
  for (const error of report.errors) console.error(`summarise-results: playwright: ${error.message ?? ''}`);
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + report.errors.length,
    skipped: report.stats.skipped,
  };
}

const unit = vitestCounts(readJson('vitest.json') as VitestReport | undefined);
const e2e = playwrightCounts(readJson('playwright.json') as PlaywrightReport | undefined);
const total: Counts = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
};
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
