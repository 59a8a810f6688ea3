/**
 * Fréchet distance between two feature sets, each summarised as a Gaussian
 * (mean, covariance): the FID recipe of Heusel et al. (2017), here with the
 * project's MNIST classifier as the feature extractor instead of Inception.
 *
 *   FD = ||μ1 − μ2||² + tr(S1 + S2 − 2 (S1^½ S2 S1^½)^½)
 *
 * The symmetric form is used because S1^½ S2 S1^½ is symmetric positive
 * semi-definite, so its square root comes from a symmetric eigendecomposition
 * with real eigenvalues; the textbook (S1 S2)^½ of a non-symmetric product
 * needs a general matrix square root and goes complex from round-off.
 *
 * Pure JavaScript in float64 (ml-matrix): no tfjs, runs anywhere. Covariances
 * are accumulated in float64 because the float32 sums of 10,000 × d products lose
 * digits that the small FD of two near-identical sets depends on.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Mean and covariance of a feature set. */
export interface GaussianStats {
  /** Feature dimension d. */
  readonly dim: number;
  /** Number of feature vectors the statistics were computed from. */
  readonly count: number;
  /** [d] mean. */
  readonly mean: Float64Array;
  /** [d, d] row-major covariance with the unbiased 1/(n−1) normalisation (numpy.cov's default). */
  readonly cov: Float64Array;
}

/**
 * @param features [n, d] row-major feature vectors (n ≥ 2)
 * @param dim d
 */
export function gaussianStats(features: ArrayLike<number>, dim: number): GaussianStats {
  if (!Number.isInteger(dim) || dim < 1 || features.length % dim !== 0) {
    throw new RangeError(`gaussianStats: ${features.length} values do not make rows of ${dim}`);
  }
  const n = features.length / dim;
  if (n < 2) throw new RangeError('gaussianStats: need at least 2 feature vectors');
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) mean[j]! += features[row + j]!;
  }
  for (let j = 0; j < dim; j++) mean[j]! /= n;

  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) centred[j] = features[row + j]! - mean[j]!;
    // Upper triangle only; mirrored below.
    for (let a = 0; a < dim; a++) {
      const ca = centred[a]!;
      if (ca === 0) continue; // ReLU features are often exactly zero
      const base = a * dim;
      for (let b = a; b < dim; b++) cov[base + b]! += ca * centred[b]!;
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b]! / (n - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { dim, count: n, mean, cov };
}

function toMatrix(values: Float64Array, dim: number): Matrix {
  const m = new Matrix(dim, dim);
  for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) m.set(a, b, values[a * dim + b]!);
  return m;
}

/** Square root of a symmetric PSD matrix; eigenvalues below zero (round-off) are clipped to 0. */
function symmetricSqrt(m: Matrix): Matrix {
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = evd.eigenvectorMatrix;
  const roots = evd.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0)));
  // mulRowVector works in place: scale a copy.
  return v.clone().mulRowVector(roots).mmul(v.transpose());
}

/** Sum of square roots of the eigenvalues of a symmetric PSD matrix = tr(M^½). */
function traceOfSqrt(m: Matrix): number {
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  return evd.realEigenvalues.reduce((s, l) => s + Math.sqrt(Math.max(l, 0)), 0);
}

// #region frechet-distance
/**
 * Fréchet distance between the Gaussians N(μ1, S1) and N(μ2, S2).
 * @returns a non-negative number in squared feature units (0 for identical stats,
 *   up to round-off, which is clipped at 0)
 */
export function frechetDistance(a: GaussianStats, b: GaussianStats): number {
  if (a.dim !== b.dim) throw new RangeError(`frechetDistance: dimensions ${a.dim} and ${b.dim} differ`);
  const d = a.dim;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (a.mean[j]! - b.mean[j]!) ** 2;
  let traces = 0;
  for (let j = 0; j < d; j++) traces += a.cov[j * d + j]! + b.cov[j * d + j]!;

  const s1 = toMatrix(a.cov, d);
  const s2 = toMatrix(b.cov, d);
  const s1Half = symmetricSqrt(s1);
  const product = s1Half.mmul(s2).mmul(s1Half);
  // Symmetrise: the product is symmetric in exact arithmetic only.
  const symmetric = product.add(product.transpose()).mul(0.5);
  const fd = meanTerm + traces - 2 * traceOfSqrt(symmetric);
  return Math.max(fd, 0);
}
// #endregion frechet-distance
