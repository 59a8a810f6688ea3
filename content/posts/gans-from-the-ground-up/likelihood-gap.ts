/**
 * Theis, van den Oord and Bethge (2016): log-likelihood and sample quality can disagree. Mix a
 * model p with weight 1 - w of pure noise q: most samples become noise, yet because
 * log(w p + (1 - w) q) ≥ log w + log p, the average log-likelihood drops by at most -log w.
 */

// #region likelihood-gap
/** The most log-likelihood (nats per example) a model loses when only a share w of its samples come from it. */
export const worstLikelihoodLoss = (w: number) => -Math.log(w);

worstLikelihoodLoss(0.01); // 4.61 nats, while 99 % of the samples are noise
// #endregion likelihood-gap

export const noisyMixture = { goodShare: 0.01, maxLoss: worstLikelihoodLoss(0.01) };
