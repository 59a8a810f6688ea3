/**
 * Summaries of repeated timings: median and spread. Pure.
 */

export interface Summary {
  /** number of samples */
  n: number;
  median: number;
  min: number;
  max: number;
  /** first and third quartile (linear interpolation); equal to min/max for n < 4 */
  q1: number;
  q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (at - lo);
}

/** @throws RangeError on an empty list */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarise: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const small = n < 4;
  return {
    n,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
    q1: small ? (sorted[0] ?? Number.NaN) : quantile(sorted, 0.25),
    q3: small ? (sorted[n - 1] ?? Number.NaN) : quantile(sorted, 0.75),
  };
}

/**
 * "median (min–max)" with `digits` decimals, or "median (IQR q1–q3)" when there are enough
 * samples for quartiles to mean something; a single sample is shown alone.
 */
export function formatSummary(s: Summary, digits = 0, scale = 1): string {
  const f = (x: number) => (x * scale).toFixed(digits);
  if (s.n === 1) return `${f(s.median)} (n=1)`;
  if (s.n >= 8) return `${f(s.median)} (IQR ${f(s.q1)}–${f(s.q3)}, n=${s.n})`;
  return `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}
