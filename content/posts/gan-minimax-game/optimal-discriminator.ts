/**
 * The theory of "The minimax game behind GANs" on a discrete example, in plain
 * numbers. The post shows these regions; tests/unit/site/starter-post-code.test.ts and
 * tests/unit/articles/gan-minimax-game.test.ts run them, so what the post prints is what
 * this code computes.
 *
 * Distributions are arrays of probabilities over the same outcomes.
 */

// #region optimal-discriminator
/** D*(x) = p_data(x) / (p_data(x) + p_g(x)), outcome by outcome. */
export function optimalDiscriminator(pData: number[], pG: number[]): number[] {
  return pData.map((p, i) => p / (p + pG[i]!));
}

/** C(G) = V(D*, G): with discrete outcomes the expectations are sums. */
export function valueAtOptimum(pData: number[], pG: number[]): number {
  const dStar = optimalDiscriminator(pData, pG);
  const realTerm = pData.reduce((sum, p, i) => sum + p * Math.log(dStar[i]!), 0);
  const fakeTerm = pG.reduce((sum, q, i) => sum + q * Math.log(1 - dStar[i]!), 0);
  return realTerm + fakeTerm;
}

/** Jensen–Shannon divergence, in nats: the mean KL divergence to the midpoint m. */
export function jensenShannon(p: number[], q: number[]): number {
  const m = p.map((pi, i) => (pi + q[i]!) / 2);
  const kl = (a: number[], b: number[]) => a.reduce((sum, ai, i) => (ai > 0 ? sum + ai * Math.log(ai / b[i]!) : sum), 0);
  return 0.5 * kl(p, m) + 0.5 * kl(q, m);
}
// #endregion optimal-discriminator

// #region smoothed-discriminator
/**
 * With one-sided label smoothing the discriminator is trained towards `realLabel` (say
 * 0.9) on data and 0 on generated samples. At each x it then maximises
 *   p_data(x)·(α log D + (1 − α) log(1 − D)) + p_g(x)·log(1 − D),
 * whose maximum is D*(x) = α·p_data(x) / (p_data(x) + p_g(x)) (Salimans et al. 2016).
 */
export function smoothedOptimalDiscriminator(pData: number[], pG: number[], realLabel: number): number[] {
  return pData.map((p, i) => (realLabel * p) / (p + pG[i]!));
}
// #endregion smoothed-discriminator

// #region example
const pData = [0.5, 0.5];
const pG = [0.9, 0.1];

const dStar = optimalDiscriminator(pData, pG); // [0.357, 0.833]
const value = valueAtOptimum(pData, pG); // -1.1828
const viaJsd = -Math.log(4) + 2 * jensenShannon(pData, pG); // -1.3863 + 0.2035 = -1.1828
// #endregion example

export const example = { pData, pG };
/** What the example region computes, for the tests. */
export const exampleResults = { dStar, value, viaJsd };
