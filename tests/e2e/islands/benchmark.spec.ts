/**
 * Island benchmark, run on demand (not an assertion suite):
 *   MINIMAX_BENCH=1 npx playwright test -c tests/playwright.config.ts tests/e2e/islands/benchmark.spec.ts
 * Writes JSON to $MINIMAX_BENCH_OUT (default test-results/islands-benchmark.json):
 * JS bytes (gzip) before and after an island loads, time from island visible to first sample,
 * and ms per 64-sample batch, per backend.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { activate, expect, POST, test } from './helpers.ts';

test.skip(!process.env['MINIMAX_BENCH'], 'benchmark runs only with MINIMAX_BENCH=1');
test.setTimeout(600_000);

interface Transfer {
  path: string;
  gzip: number;
  raw: number;
}

function recordTransfers(page: Page): Transfer[] {
  const transfers: Transfer[] = [];
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!/\.(m?js|wasm)$/.test(path)) return;
    try {
      const body = await response.body();
      transfers.push({ path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // redirected or aborted: nothing to count
    }
  });
  return transfers;
}

const sum = (list: Transfer[], filter: (t: Transfer) => boolean = () => true) =>
  list.filter(filter).reduce((a, t) => ({ gzip: a.gzip + t.gzip, raw: a.raw + t.raw }), { gzip: 0, raw: 0 });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

test('islands benchmark', async ({ browser }) => {
  const results: Record<string, unknown> = { date: new Date().toISOString(), userAgent: '' };
  const backends: Record<string, unknown> = {};
  for (const backend of ['auto', 'webgl', 'wasm', 'cpu']) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    results['userAgent'] = await page.evaluate(() => navigator.userAgent);
    const transfers = recordTransfers(page);
    await page.goto(`${POST}${backend === 'auto' ? '' : `?backend=${backend}`}`);
    await page.waitForLoadState('networkidle');
    const before = sum(transfers);
    const beforeFiles = transfers.map((t) => `${t.path} ${t.gzip}`);

    const started = Date.now();
    await activate(page, 'sample-grid', 300_000);
    const firstSampleMs = Date.now() - started;
    await expect(page.locator('#sample-grid')).toHaveAttribute('data-state', 'live');
    await page.waitForLoadState('networkidle');
    const after = sum(transfers);

    const batch = await page.evaluate(async () => {
      const minimax = (globalThis as unknown as { __minimax: { generate(r: object): Promise<{ ms: number; backend: string }> } }).__minimax;
      const times: number[] = [];
      let name = '';
      for (let i = 0; i < 6; i++) {
        const { ms, backend } = await minimax.generate({ model: 'dcgan', seed: 100 + i, n: 64 });
        times.push(ms);
        name = backend;
      }
      return { name, times };
    });
    backends[backend] = {
      chosen: batch.name,
      timeToFirstSampleMs: firstSampleMs,
      msPer64Batch: median(batch.times.slice(1)),
      batchTimesMs: batch.times.map((t) => Math.round(t)),
      jsBeforeIsland: sum(transfers.slice(0, beforeFiles.length), (t) => !t.path.endsWith('.wasm')),
      jsAfterIsland: sum(transfers, (t) => !t.path.endsWith('.wasm')),
      wasmAfterIsland: sum(transfers, (t) => t.path.endsWith('.wasm')),
      filesBefore: beforeFiles,
      filesAfter: transfers.map((t) => `${t.path} ${t.gzip}`),
      totals: { before, after },
    };
    await page.close();
  }
  results['backends'] = backends;
  const out = process.env['MINIMAX_BENCH_OUT'] ?? 'test-results/islands-benchmark.json';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
});
