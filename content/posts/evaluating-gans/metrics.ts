/**
 * The evaluation article's toy numbers: the Inception Score of a few extreme
 * classifiers' outputs, the Fréchet distance of two one-dimensional Gaussians, the
 * precision–recall curve of a generator that drops half the modes, and the Theis et al.
 * bound on how little a 99 %-noise mixture loses in log-likelihood.
 * tests/unit/articles/evaluating-gans.test.ts checks every number the prose states,
 * and the Fréchet example against the project's own models/eval/frechet.ts.
 */

// #region inception-score
/**
 * Inception Score (Salimans et al. 2016): exp(E_x KL(p(y|x) ‖ p(y))), with p(y) the mean
 * of the rows. Each row is a classifier's p(y | x) for one generated sample.
 */
export function inceptionScore(probabilities: readonly (readonly number[])[]): number {
  const n = probabilities.length;
  if (n === 0) throw new RangeError('inceptionScore: no samples');
  const classes = probabilities[0]!.length;
  const marginal = new Array<number>(classes).fill(0);
  for (const row of probabilities) row.forEach((p, c) => (marginal[c]! += p / n));
  let meanKl = 0;
  for (const row of probabilities) {
    meanKl += row.reduce((kl, p, c) => (p > 0 ? kl + p * Math.log(p / marginal[c]!) : kl), 0) / n;
  }
  return Math.exp(meanKl);
}
// #endregion inception-score

/** n one-hot rows over `classes` classes, row i for class (i mod classes) of the first `used` classes. */
export function confidentSamples(n: number, classes: number, used = classes): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: classes }, (_, c) => (c === i % used ? 1 : 0)));
}

// #region frechet-1d
/**
 * Fréchet distance of N(μ1, σ1²) and N(μ2, σ2²): the general formula
 * ‖μ1 − μ2‖² + tr(S1 + S2 − 2(S1 S2)^½) in one dimension, (μ1 − μ2)² + (σ1 − σ2)².
 */
export function frechetDistance1d(mu1: number, sigma1: number, mu2: number, sigma2: number): number {
  return (mu1 - mu2) ** 2 + sigma1 ** 2 + sigma2 ** 2 - 2 * sigma1 * sigma2;
}
// #endregion frechet-1d

// #region precision-recall
/**
 * Precision–recall for distributions on a histogram (Sajjadi et al. 2018):
 * α(λ) = Σ min(λ·P(ω), Q(ω)) (precision), β(λ) = Σ min(P(ω), Q(ω)/λ) (recall),
 * with P the reference (real) distribution and Q the model's.
 */
export function prdPoint(reference: readonly number[], model: readonly number[], lambda: number): { precision: number; recall: number } {
  let precision = 0;
  let recall = 0;
  reference.forEach((p, i) => {
    const q = model[i]!;
    precision += Math.min(lambda * p, q);
    recall += Math.min(p, q / lambda);
  });
  return { precision, recall };
}
// #endregion precision-recall

// #region theis-mixture
/**
 * A mixture that draws noise 99 % of the time and a good model q 1 % of the time has
 * log(0.01·q(x) + 0.99·noise(x)) ≥ log q(x) − log 100: it loses at most log 100 nats
 * per image, whatever the dimension (Theis et al. 2016).
 */
export function mixtureLossBound(goodShare: number): number {
  return -Math.log(goodShare);
}
// #endregion theis-mixture

// #region examples
const tenClassesConfident = inceptionScore(confidentSamples(1000, 10)); // 10
const oneClassConfident = inceptionScore(confidentSamples(1000, 10, 1)); // 1
const fiveClassesConfident = inceptionScore(confidentSamples(1000, 10, 5)); // 5
const uniformGuesses = inceptionScore([[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]]); // 1

const shiftedMean = frechetDistance1d(0, 1, 2, 1); // 4
const widerSpread = frechetDistance1d(0, 1, 0, 3); // 4

const realModes = [0.25, 0.25, 0.25, 0.25];
const halfTheModes = [0.5, 0.5, 0, 0];
const atLambdaOne = prdPoint(realModes, halfTheModes, 1); // precision 0.5, recall 0.5
const atLambdaTwo = prdPoint(realModes, halfTheModes, 2); // precision 1, recall 0.5

const noisyMixtureLoss = mixtureLossBound(0.01); // 4.61 nats
// #endregion examples

export const examples = {
  tenClassesConfident,
  oneClassConfident,
  fiveClassesConfident,
  uniformGuesses,
  shiftedMean,
  widerSpread,
  atLambdaOne,
  atLambdaTwo,
  noisyMixtureLoss,
};
