/**
 * The quality bars for shipped generators, as pure predicates so the
 * eval tool and the tests judge a model the same way.
 */

export interface BarResult {
  /** Short name of the bar, e.g. "every digit 5-15 %". */
  readonly bar: string;
  readonly pass: boolean;
  /** The measured figure in words, e.g. "min 7.9 %, max 12.1 %". */
  readonly measured: string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** Unconditional: every digit holds between 5 % and 15 % of the samples. */
export function histogramBar(histogram: readonly number[], low = 0.05, high = 0.15): BarResult {
  const min = Math.min(...histogram);
  const max = Math.max(...histogram);
  return {
    bar: `every digit ${100 * low}-${100 * high} % of samples`,
    pass: min >= low && max <= high,
    measured: `min ${pct(min)}, max ${pct(max)}`,
  };
}

/** Unconditional: Fréchet distance within `factor` times the floor (train vs test). */
export function frechetBar(fd: number, floor: number, factor = 3): BarResult {
  const ratio = fd / floor;
  return {
    bar: `Fréchet distance <= ${factor}x floor`,
    pass: Number.isFinite(ratio) && ratio <= factor,
    measured: `${fd.toFixed(3)} = ${ratio.toFixed(2)}x floor ${floor.toFixed(3)}`,
  };
}

/** Conditional: the classifier agrees with the requested digit often enough. */
export function agreementBar(agreementRate: number, threshold = 0.98): BarResult {
  return {
    bar: `classifier agreement >= ${100 * threshold} %`,
    pass: agreementRate >= threshold,
    measured: pct(agreementRate),
  };
}

/** Every generator: the memorisation check does not flag copying (rule in memorisation.ts). */
export function memorisationBar(copying: boolean, measured: string): BarResult {
  return { bar: 'no copying of training images (memorisation check)', pass: !copying, measured };
}
