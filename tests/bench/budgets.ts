/**
 * Byte budgets for the deterministic figures of the benchmark (model files, JS and CSS per
 * page). Timings have no budgets: they depend on the machine and its load.
 * Budgets live in tests/bench/budgets.json; `npm run bench -- --check` and the unit test
 * tests/unit/bench/budgets.test.ts compare figures against them. Pure apart from reading the file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelSize } from './model-sizes.ts';
import type { PageWeight } from './page-weight.ts';

export const BUDGETS_FILE = fileURLToPath(new URL('./budgets.json', import.meta.url));

export interface Budget {
  /** figure name, e.g. "model.dcgan.bytes" or "page.home.js.before.gzip" */
  figure: string;
  /** largest allowed value, bytes */
  max: number;
  /** why this number */
  why: string;
}

export interface BudgetOutcome extends Budget {
  /** the measured value; undefined when this run did not measure the figure */
  value: number | undefined;
  status: 'ok' | 'over' | 'not measured';
}

function isBudget(value: unknown): value is Budget {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return typeof b['figure'] === 'string' && typeof b['max'] === 'number' && b['max'] >= 0 && typeof b['why'] === 'string';
}

/** @throws Error naming the first malformed entry */
export function parseBudgets(json: unknown): Budget[] {
  const list = (json as { budgets?: unknown } | null)?.['budgets'];
  if (!Array.isArray(list)) throw new Error('budgets.json: expected { "budgets": [...] }');
  list.forEach((entry, i) => {
    if (!isBudget(entry)) throw new Error(`budgets.json: entry ${i} needs figure (string), max (number >= 0) and why (string)`);
  });
  const budgets = list as Budget[];
  const names = new Set<string>();
  for (const b of budgets) {
    if (names.has(b.figure)) throw new Error(`budgets.json: ${b.figure} appears twice`);
    names.add(b.figure);
  }
  return budgets;
}

export function loadBudgets(file = BUDGETS_FILE): Budget[] {
  return parseBudgets(JSON.parse(readFileSync(file, 'utf8')));
}

/** Byte figures of shipped models: model.<name>.bytes and model.<name>.gzip. */
export function modelFigures(models: readonly ModelSize[]): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const m of models) {
    const key = m.name.replace(/ \(.*\)$/, '');
    figures[`model.${key}.bytes`] = m.bytes;
    figures[`model.${key}.gzip`] = m.gzipBytes;
  }
  return figures;
}

/** Byte figures of pages: page.<type>.{js.before,js.after,wasm.after,css}.{raw,gzip}. */
export function pageFigures(pages: readonly PageWeight[]): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const p of pages) {
    for (const [name, bytes] of [
      ['js.before', p.js.before],
      ['js.after', p.js.after],
      ['wasm.after', p.wasm.after],
      ['css', p.css],
    ] as const) {
      figures[`page.${p.type}.${name}.raw`] = bytes.raw;
      figures[`page.${p.type}.${name}.gzip`] = bytes.gzip;
    }
  }
  return figures;
}

export function checkBudgets(figures: Readonly<Record<string, number>>, budgets: readonly Budget[]): BudgetOutcome[] {
  return budgets.map((b) => {
    const value = figures[b.figure];
    const status = value === undefined ? 'not measured' : value > b.max ? 'over' : 'ok';
    return { ...b, value, status };
  });
}
