/**
 * Parzen-window (Gaussian kernel density) log-likelihood, the protocol of
 * Breuleux, Bengio & Vincent (2011) used in Goodfellow et al. (2014), Table 1:
 * fit an isotropic Gaussian kernel density to n generated samples and report
 * the mean log-density of the MNIST test set, pixels in [0, 1], in nats:
 *
 *   log p(x) = logsumexp_i(−||x − s_i||² / (2σ²)) − log n − (d/2)·log(2πσ²)
 *
 * σ is chosen on a validation split from a grid (Goodfellow's script
 * `parzen_ll.py`: numpy.logspace(-1, 0, 10), 1,000 validation images).
 *
 * The squared distances use ||x||² + ||s||² − 2·x·sᵀ so the bulk of the work is
 * one matmul per chunk; the distance matrix of a chunk is reused for every σ
 * of the grid, so a grid search costs about as much as a single σ.
 */
import * as tf from '@tensorflow/tfjs-core';

/** σ grid of Goodfellow's parzen_ll.py defaults: 10 values, log-spaced from 0.1 to 1. */
export const GOODFELLOW_SIGMA_GRID: readonly number[] = Array.from({ length: 10 }, (_, i) => 10 ** (-1 + i / 9));

/** Mean and standard error (population std / √m, as parzen_ll.py reports it). */
export interface MeanWithError {
  readonly mean: number;
  readonly standardError: number;
  readonly count: number;
}

export function meanAndStandardError(values: ArrayLike<number>): MeanWithError {
  const m = values.length;
  if (m === 0) throw new RangeError('meanAndStandardError: no values');
  let sum = 0;
  for (let i = 0; i < m; i++) sum += values[i]!;
  const mean = sum / m;
  let sq = 0;
  for (let i = 0; i < m; i++) sq += (values[i]! - mean) ** 2;
  return { mean, standardError: Math.sqrt(sq / m) / Math.sqrt(m), count: m };
}

export interface ParzenOptions {
  /** Rows of `data` scored per chunk; the chunk's [batch, n] distance matrix is the peak memory. */
  readonly batchSize?: number;
  /** Called after each chunk with the number of rows done (progress display). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Log-density of every row of `data` under the Parzen window of `samples`,
 * for each σ in `sigmas`.
 *
 * @param data [m, d] points to score, pixels in [0, 1]
 * @param samples [n, d] kernel centres (generated samples), pixels in [0, 1]
 * @param sigmas kernel widths (> 0)
 * @returns one Float64Array(m) per σ: log p(x) in nats
 */
export async function parzenLogLikelihoods(
  data: tf.Tensor2D,
  samples: tf.Tensor2D,
  sigmas: readonly number[],
  options: ParzenOptions = {},
): Promise<Float64Array[]> {
  const [m, d] = data.shape;
  const [n, ds] = samples.shape;
  if (d !== ds) throw new RangeError(`parzen: data has ${d} columns, samples ${ds}`);
  if (sigmas.length === 0 || sigmas.some((s) => !(s > 0))) throw new RangeError('parzen: sigmas must be > 0');
  const batchSize = options.batchSize ?? 250;
  const out = sigmas.map(() => new Float64Array(m));
  // #region parzen-normaliser
  // Normalisers in float64: − log n − d·log(σ·√(2π)).
  const offsets = sigmas.map((s) => -Math.log(n) - d * Math.log(s * Math.sqrt(2 * Math.PI)));
  // #endregion parzen-normaliser

  // Pre-transposed once: a transposed matmul is a slow path on some backends.
  const samplesT = tf.transpose(samples); // [d, n]
  const samplesSq = tf.tidy(() => tf.reshape(tf.sum(tf.square(samples), 1), [1, n])); // [1, n]
  try {
    for (let start = 0; start < m; start += batchSize) {
      const b = Math.min(batchSize, m - start);
      // #region parzen-chunk
      const lse = tf.tidy(() => {
        const x = tf.slice(data, [start, 0], [b, d]);
        const xSq = tf.sum(tf.square(x), 1, true); // [b, 1]
        // relu: round-off can make a tiny distance negative.
        const dist = tf.relu(tf.sub(tf.add(xSq, samplesSq), tf.mul(2, tf.matMul(x, samplesT)))); // [b, n]
        return tf.stack(sigmas.map((s) => tf.logSumExp(tf.mul(dist, -1 / (2 * s * s)), 1))); // [S, b]
      });
      const values = await lse.data();
      lse.dispose();
      for (let k = 0; k < sigmas.length; k++) {
        const row = out[k]!;
        for (let i = 0; i < b; i++) row[start + i] = values[k * b + i]! + offsets[k]!;
      }
      // #endregion parzen-chunk
      options.onProgress?.(start + b, m);
    }
  } finally {
    samplesT.dispose();
    samplesSq.dispose();
  }
  return out;
}

/** Result of the σ grid search. */
export interface SigmaSelection {
  /** The σ with the highest mean validation log-likelihood. */
  readonly sigma: number;
  /** Mean validation log-likelihood per grid σ, same order as the grid. */
  readonly validationMeans: number[];
  /** True when the best σ is the first or last of the grid (the grid may be too narrow). */
  readonly atGridEdge: boolean;
}

/**
 * Goodfellow's cross_validate_sigma: the σ of the grid that maximises the mean
 * log-likelihood of the validation images.
 * @param validation [v, d] held-out real images, pixels in [0, 1]
 * @param samples [n, d] generated samples, pixels in [0, 1]
 */
export async function selectSigma(
  validation: tf.Tensor2D,
  samples: tf.Tensor2D,
  grid: readonly number[] = GOODFELLOW_SIGMA_GRID,
  options: ParzenOptions = {},
): Promise<SigmaSelection> {
  const lls = await parzenLogLikelihoods(validation, samples, grid, options);
  const validationMeans = lls.map((ll) => meanAndStandardError(ll).mean);
  let best = 0;
  for (let k = 1; k < grid.length; k++) if (validationMeans[k]! > validationMeans[best]!) best = k;
  return { sigma: grid[best]!, validationMeans, atGridEdge: best === 0 || best === grid.length - 1 };
}
