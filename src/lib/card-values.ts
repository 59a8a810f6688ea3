/**
 * Numbers a post states about this project are read at build from the files that hold
 * them, never typed by hand: model cards (`models/<model>/artifact/card.json`, validated
 * by the card schema) and committed results (`tests/bench/*.json`, `models/**` JSON).
 * <CardValue> and <ResultValue> use these helpers; a missing model, file or field fails
 * the build with a message naming the MDX file and what was asked for.
 *
 * A path is dot-separated: `metrics.frechet.model`, `metrics.classHistogram.3` (an array
 * index), or `models[name=dcgan].bytes` (the one array element whose fields match;
 * several conditions are comma-separated: `training[model=dcgan,backend=wasm]`), and an
 * array of numbers can be reduced: `metrics.classHistogram[min]` (also max, sum, length).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseCard } from '../../models/artifact/card-schema.ts';
import { repoRoot } from './bibliography.ts';

export class ProjectValueError extends Error {
  override name = 'ProjectValueError';
}

/** Reductions of an array of numbers, written `[min]`, `[max]`, `[sum]`, `[length]`. */
const REDUCTIONS = {
  min: (xs: number[]) => Math.min(...xs),
  max: (xs: number[]) => Math.max(...xs),
  sum: (xs: number[]) => xs.reduce((a, b) => a + b, 0),
  length: (xs: number[]) => xs.length,
} as const;
type Reduction = keyof typeof REDUCTIONS;

type Segment = { kind: 'key'; key: string } | { kind: 'match'; conditions: [string, string][] } | { kind: 'reduce'; reduction: Reduction };

function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) {
      segments.push({ kind: 'key', key: match[1] });
    } else if (/^\d+$/.test(match[2] ?? '')) {
      segments.push({ kind: 'key', key: match[2] ?? '' });
    } else if (Object.hasOwn(REDUCTIONS, match[2] ?? '')) {
      segments.push({ kind: 'reduce', reduction: match[2] as Reduction });
    } else {
      const conditions = (match[2] ?? '').split(',').map((c): [string, string] => {
        const [field = '', value = ''] = c.split('=').map((s) => s.trim());
        if (!field || !c.includes('=')) {
          throw new ProjectValueError(`path "${path}": "[${match[2]}]" is not an index, [field=value] or [min|max|sum|length]`);
        }
        return [field, value];
      });
      segments.push({ kind: 'match', conditions });
    }
  }
  if (segments.length === 0) throw new ProjectValueError(`path "${path}" is empty`);
  return segments;
}

/** The value at `path` inside `data`; throws naming the first segment that does not exist. */
export function valueAtPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  let walked = '';
  for (const segment of parsePath(path)) {
    if (segment.kind === 'key') {
      const here = walked ? `${walked}.${segment.key}` : segment.key;
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment.key)) {
        const available =
          current !== null && typeof current === 'object'
            ? Array.isArray(current)
              ? `an array of ${current.length}`
              : Object.keys(current).join(', ')
            : `a ${current === null ? 'null' : typeof current}`;
        throw new ProjectValueError(`no field "${here}" (${walked || 'the top level'} has: ${available})`);
      }
      current = (current as Record<string, unknown>)[segment.key];
      walked = here;
    } else if (segment.kind === 'reduce') {
      const label = `[${segment.reduction}]`;
      if (!Array.isArray(current) || current.length === 0 || !current.every((x) => typeof x === 'number')) {
        throw new ProjectValueError(`"${walked}" is not a non-empty array of numbers, so ${label} cannot reduce it`);
      }
      current = REDUCTIONS[segment.reduction](current as number[]);
      walked = `${walked}${label}`;
    } else {
      const label = `[${segment.conditions.map(([f, v]) => `${f}=${v}`).join(',')}]`;
      if (!Array.isArray(current)) throw new ProjectValueError(`"${walked}" is not an array, so ${label} cannot select`);
      const found = current.filter(
        (item: unknown) =>
          item !== null &&
          typeof item === 'object' &&
          segment.conditions.every(([f, v]) => String((item as Record<string, unknown>)[f]) === v),
      );
      if (found.length !== 1) {
        throw new ProjectValueError(`"${walked}${label}" matches ${found.length} elements; it must match exactly one`);
      }
      current = found[0];
      walked = `${walked}${label}`;
    }
  }
  return current;
}

/** How a value is written: see `formatProjectValue`. */
export const VALUE_FORMATS = ['number', 'int', 'percent', 'bytes', 'duration'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

const LOCALE = 'en-GB';

/**
 * Text for a value. Strings are shown as they are; numbers by `format`:
 * - `number` (default): `digits` decimals (all significant ones when absent), thousands separated;
 * - `int`: rounded to a whole number, thousands separated ("566,007");
 * - `percent`: a fraction as a percentage, `digits` decimals (default 1): 0.893 → "89.3%";
 * - `bytes`: decimal units, `digits` decimals (default 2): 1137650 → "1.14 MB";
 * - `duration`: seconds as "1 h 35 min", "2 min 5 s" or "36.6 s".
 */
export function formatProjectValue(value: unknown, format: ValueFormat = 'number', digits?: number): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ProjectValueError(`the value is ${JSON.stringify(value)}, not a finite number or a string`);
  }
  const fixed = (n: number, d: number | undefined) =>
    new Intl.NumberFormat(
      LOCALE,
      d === undefined ? { maximumFractionDigits: 20 } : { minimumFractionDigits: d, maximumFractionDigits: d },
    ).format(n);
  switch (format) {
    case 'number':
      return fixed(value, digits);
    case 'int':
      return fixed(Math.round(value), 0);
    case 'percent':
      return `${fixed(value * 100, digits ?? 1)}%`;
    case 'bytes': {
      const units = ['B', 'kB', 'MB', 'GB'];
      let scaled = value;
      let unit = 0;
      while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
        scaled /= 1000;
        unit++;
      }
      return `${unit === 0 ? fixed(scaled, 0) : fixed(scaled, digits ?? 2)} ${units[unit]}`;
    }
    case 'duration': {
      const s = Math.round(value);
      if (value < 60) return `${fixed(value, digits ?? 1)} s`;
      if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
      const minutes = Math.round(s / 60);
      return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
    }
    default:
      throw new ProjectValueError(`unknown format "${String(format)}" (use ${VALUE_FORMATS.join(', ')})`);
  }
}

const jsonCache = new Map<string, unknown>();

function readJson(path: string, label: string): unknown {
  if (jsonCache.has(path)) return jsonCache.get(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ProjectValueError(`${label} not found (looked for ${path})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProjectValueError(`${label} is not valid JSON: ${(error as Error).message}`);
  }
  jsonCache.set(path, data);
  return data;
}

/** The model card of `model`, validated by models/artifact/card-schema.ts. */
export function readModelCard(model: string, root = repoRoot()): unknown {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(model)) throw new ProjectValueError(`"${model}" is not a model name`);
  const file = `models/${model}/artifact/card.json`;
  const data = readJson(resolve(root, file), `model "${model}": ${file}`);
  return parseCard(data, file);
}

/** Files <ResultValue> may read: committed measurements, not arbitrary repository files. */
const RESULT_FILES = /^(tests\/bench\/[\w.-]+\.json|models\/[\w./-]+\.json)$/;

/** A committed results file (tests/bench/*.json or JSON under models/). */
export function readResultsFile(file: string, root = repoRoot()): unknown {
  const path = resolve(root, file);
  const rel = relative(root, path).split(sep).join('/');
  // Training runs (models/*/runs/) are not committed, so a page must not quote them.
  if (isAbsolute(file) || rel.startsWith('..') || !RESULT_FILES.test(rel) || rel.includes('/runs/')) {
    throw new ProjectValueError(`"${file}" is not a results file (allowed: tests/bench/*.json, models/**/*.json outside runs/)`);
  }
  return readJson(path, rel);
}

/** Read a value and format it, prefixing any error with `where` (the MDX file and the props). */
export function projectValue(read: () => unknown, path: string, where: string, format?: ValueFormat, digits?: number): string {
  try {
    return formatProjectValue(valueAtPath(read(), path), format, digits);
  } catch (error) {
    throw new ProjectValueError(`${where}: ${(error as Error).message}`);
  }
}
