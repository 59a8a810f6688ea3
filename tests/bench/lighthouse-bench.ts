/**
 * Lighthouse 13 category scores through its Node API, on Debian's chromium started by
 * chrome-launcher with the project's flags. Lighthouse's defaults otherwise: mobile form
 * factor, simulated throttling (a slow 4G network and a 4× slower CPU are modelled from the
 * trace, so the score depends on this machine less than the raw timings do). Only 127.0.0.1
 * is contacted: the site has no third-party requests and nothing is fetched by Lighthouse.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM, CHROMIUM_ARGS } from './machine.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseResult {
  type: string;
  path: string;
  /** 0–100 per category (median over runs), null when Lighthouse gave no score */
  scores: Record<Category, number | null>;
  /** every run's scores, for the spread */
  runs: Record<Category, number | null>[];
  /** main metrics of the median-performance run (ms; CLS unitless) */
  metrics: Record<string, number>;
  lighthouseVersion: string;
}

const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/** Runs Lighthouse `runs` times on each page, one chromium for all. */
export async function runLighthouse(
  baseUrl: string,
  /** `formFactor: 'desktop'` runs Lighthouse's desktop configuration (no CPU slowdown, desktop screen) */
  pages: readonly { type: string; path: string; formFactor?: 'mobile' | 'desktop' }[],
  runs: number,
  log: (line: string) => void,
): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  const results: LighthouseResult[] = [];
  try {
    for (const { type, path, formFactor } of pages) {
      const url = new URL(path, baseUrl).href;
      const all: { scores: Record<Category, number | null>; metrics: Record<string, number> }[] = [];
      let version = '';
      for (let r = 0; r < runs; r++) {
        const flags = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: [...CATEGORIES] };
        const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        version = lhr.lighthouseVersion;
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const scores = Object.fromEntries(
          CATEGORIES.map((c) => {
            const score = lhr.categories[c]?.score;
            return [c, typeof score === 'number' ? Math.round(score * 100) : null];
          }),
        ) as Record<Category, number | null>;
        const metrics: Record<string, number> = {};
        for (const id of METRICS) {
          const value = lhr.audits[id]?.numericValue;
          if (typeof value === 'number') metrics[id] = Math.round(value * 1000) / 1000;
        }
        all.push({ scores, metrics });
        log(`lighthouse ${type} #${r + 1}: ${CATEGORIES.map((c) => `${c} ${scores[c] ?? '-'}`).join(', ')}`);
      }
      const byPerf = [...all].sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
      const medianRun = byPerf[Math.floor(byPerf.length / 2)] ?? all[0];
      const median = (c: Category): number | null => {
        const values = all
          .map((x) => x.scores[c])
          .filter((v): v is number => v !== null)
          .sort((a, b) => a - b);
        return values.length === 0 ? null : (values[Math.floor(values.length / 2)] ?? null);
      };
      results.push({
        type,
        path,
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, median(c)])) as Record<Category, number | null>,
        runs: all.map((x) => x.scores),
        metrics: medianRun?.metrics ?? {},
        lighthouseVersion: version,
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}
