/**
 * Memorisation check: does a generator copy its training set?
 *
 * For each generated sample, the distance to its nearest training image, beside the same for
 * held-out test images (which the generator never saw): a generator that draws new digits puts
 * its samples about as far from the training set as fresh real digits are, while a copying one
 * puts many of its samples closer than almost any test image. Measured in two spaces: pixels
 * (Euclidean, values in [0, 1], 784-d) and the classifier's 128-unit `features` layer (the
 * space of the Fréchet distance), so a copy that is shifted or re-inked slightly is caught in
 * the second even where pixels drift.
 *
 * Verdict rule (`COPYING_RULE`): the generator is flagged when, in either space, more than 5 %
 * of its samples lie closer to a training image than the 1st percentile of the test images'
 * nearest-training distances. A generator whose samples behave like new real digits puts about
 * 1 % there; one that returns training images puts (nearly) all of them there.
 *
 * Isomorphic (tfjs-core only): the distances are `‖q‖² + ‖r‖² − 2 q·r` matmuls over chunks of
 * the training set, keeping a running minimum, so 1,000 queries against 60,000 images never
 * hold more than a [queries, chunk] matrix.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Nearest reference row for each query row. */
export interface NearestNeighbours {
  /** Euclidean distance to the nearest reference row, per query */
  readonly distances: Float32Array;
  /** index of that reference row, per query */
  readonly indices: Int32Array;
}

/**
 * Nearest neighbour (Euclidean) of every query row among the reference rows.
 * @param queries [m, dim] row-major
 * @param references [n, dim] row-major
 * @param chunkRows reference rows per matmul; peak memory is m × chunkRows floats
 */
export async function nearestNeighbours(
  queries: Float32Array,
  references: Float32Array,
  dim: number,
  chunkRows = 4096,
): Promise<NearestNeighbours> {
  const m = queries.length / dim;
  const n = references.length / dim;
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new RangeError(
      `nearestNeighbours: queries (${queries.length}) and references (${references.length}) must be non-empty multiples of dim ${dim}`,
    );
  }
  const best = new Float32Array(m).fill(Number.POSITIVE_INFINITY);
  const indices = new Int32Array(m).fill(-1);
  const q = tf.tensor2d(queries, [m, dim]);
  const qNorms = tf.tidy(() => tf.sum(tf.square(q), 1, true));
  try {
    for (let start = 0; start < n; start += chunkRows) {
      const rows = Math.min(chunkRows, n - start);
      const [minimum, argmin] = tf.tidy(() => {
        const r = tf.tensor2d(references.subarray(start * dim, (start + rows) * dim), [rows, dim]);
        const rNorms = tf.reshape(tf.sum(tf.square(r), 1), [1, rows]);
        const d2 = tf.sub(tf.add(qNorms, rNorms), tf.mul(2, tf.matMul(q, r, false, true)));
        return [tf.min(d2, 1), tf.argMin(d2, 1)] as const;
      });
      const [mins, args] = await Promise.all([minimum.data(), argmin.data()]);
      tf.dispose([minimum, argmin]);
      for (let i = 0; i < m; i++) {
        const d = mins[i]!;
        if (d < best[i]!) {
          best[i] = d;
          indices[i] = start + args[i]!;
        }
      }
    }
  } finally {
    tf.dispose([q, qNorms]);
  }
  // The expanded form loses digits to cancellation (an exact copy comes out near 1e-3, not 0):
  // recompute each winner's distance directly, in float64.
  const distances = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const qi = i * dim;
    const rj = indices[i]! * dim;
    let sum = 0;
    for (let k = 0; k < dim; k++) sum += (queries[qi + k]! - references[rj + k]!) ** 2;
    distances[i] = Math.sqrt(sum);
  }
  return { distances, indices };
}

/** Quantile by linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: Float32Array | readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile: no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** A distance distribution in a few numbers. */
export type DistanceQuantiles = {
  readonly min: number;
  readonly p1: number;
  readonly p5: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
};

export function distanceQuantiles(values: Float32Array): DistanceQuantiles {
  const s = Float32Array.from(values).sort();
  const at = (p: number) => quantile(s, p);
  return {
    min: s[0]!,
    p1: at(0.01),
    p5: at(0.05),
    p25: at(0.25),
    median: at(0.5),
    p75: at(0.75),
    p95: at(0.95),
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** The comparison in one space (pixels or classifier features). */
export type SpaceSummary = {
  /** nearest-training distances of the generated samples */
  readonly generated: DistanceQuantiles;
  /** nearest-training distances of the test images (the reference: new real digits) */
  readonly test: DistanceQuantiles;
  /** share of generated samples closer to a training image than the test images' 1st percentile (≈ 0.01 for new digits) */
  readonly fractionBelowTestP1: number;
  /** the same below the test images' 5th percentile (≈ 0.05 for new digits) */
  readonly fractionBelowTestP5: number;
  /** median generated distance / median test distance (≈ 1 for new digits, 0 for copies) */
  readonly medianRatio: number;
  /** samples within 1e-3 × the test median of a training image: copies up to rounding */
  readonly nearExactCopies: number;
  /** whether this space alone flags copying (`COPYING_RULE`) */
  readonly flagged: boolean;
};

/** Share of samples below the test 1st percentile above which a generator is flagged. */
export const MAX_FRACTION_BELOW_TEST_P1 = 0.05;

export const COPYING_RULE =
  `flagged when, in pixels or in classifier features, more than ${100 * MAX_FRACTION_BELOW_TEST_P1} % of the generated samples are closer to their nearest training image ` +
  "than the 1st percentile of the test images' nearest-training distances (new digits put about 1 % there, copies nearly all)";

/**
 * Compares generated-to-training with test-to-training nearest-neighbour distances.
 * @param generated nearest-training distance per generated sample
 * @param test nearest-training distance per test image
 */
export function compareDistances(generated: Float32Array, test: Float32Array): SpaceSummary {
  const g = distanceQuantiles(generated);
  const t = distanceQuantiles(test);
  const share = (limit: number) => generated.reduce((c, d) => c + (d < limit ? 1 : 0), 0) / generated.length;
  const fractionBelowTestP1 = share(t.p1);
  const exact = 1e-3 * t.median;
  return {
    generated: g,
    test: t,
    fractionBelowTestP1,
    fractionBelowTestP5: share(t.p5),
    medianRatio: g.median / t.median,
    nearExactCopies: generated.reduce((c, d) => c + (d <= exact ? 1 : 0), 0),
    flagged: fractionBelowTestP1 > MAX_FRACTION_BELOW_TEST_P1,
  };
}

/** Inputs of the check: images in [-1, 1] ([k, 784]) and their classifier features ([k, featureDim]). */
export interface MemorisationInputs {
  readonly generated: { readonly pixels: Float32Array; readonly features: Float32Array };
  readonly test: { readonly pixels: Float32Array; readonly features: Float32Array };
  readonly train: { readonly pixels: Float32Array; readonly features: Float32Array };
  readonly featureDim: number;
}

export interface MemorisationResult {
  readonly pixels: SpaceSummary;
  readonly features: SpaceSummary;
  /** true when either space flags copying */
  readonly copying: boolean;
  readonly rule: string;
  /** nearest training image of each generated sample, by pixels and by features */
  readonly generatedNearest: { readonly pixels: NearestNeighbours; readonly features: NearestNeighbours };
}

/** [-1, 1] → [0, 1]: the pixel scale the distances are reported on (as the Parzen estimate's). */
function toUnit(images: Float32Array): Float32Array {
  return images.map((v) => (v + 1) / 2);
}

/** Runs the whole check (the Node wrapper loads the images and features). */
export async function memorisationCheck(inputs: MemorisationInputs, chunkRows = 4096): Promise<MemorisationResult> {
  const pixelDim = 784;
  const trainPixels = toUnit(inputs.train.pixels);
  const genPx = await nearestNeighbours(toUnit(inputs.generated.pixels), trainPixels, pixelDim, chunkRows);
  const testPx = await nearestNeighbours(toUnit(inputs.test.pixels), trainPixels, pixelDim, chunkRows);
  const genFt = await nearestNeighbours(inputs.generated.features, inputs.train.features, inputs.featureDim, chunkRows);
  const testFt = await nearestNeighbours(inputs.test.features, inputs.train.features, inputs.featureDim, chunkRows);
  const pixels = compareDistances(genPx.distances, testPx.distances);
  const features = compareDistances(genFt.distances, testFt.distances);
  return {
    pixels,
    features,
    copying: pixels.flagged || features.flagged,
    rule: COPYING_RULE,
    generatedNearest: { pixels: genPx, features: genFt },
  };
}

/**
 * Which samples the figure shows: the `closest` samples nearest to a training image in pixels
 * (the most copy-like) followed by the first `typical` samples (seeded latents, so typical).
 */
export function figureSelection(pixelDistances: Float32Array, closest: number, typical: number): number[] {
  const order = Array.from(pixelDistances.keys()).sort((a, b) => pixelDistances[a]! - pixelDistances[b]!);
  const near = order.slice(0, closest);
  const rest = Array.from({ length: pixelDistances.length }, (_, i) => i)
    .filter((i) => !near.includes(i))
    .slice(0, typical);
  return [...near, ...rest];
}
