/**
 * Why the original generator loss stalls: the derivative of each generator loss with respect to
 * the discriminator's logit l, where D(G(z)) = σ(l). The article shows these regions; the unit
 * test checks them against automatic differentiation of models/gan/losses.ts.
 */

// #region generator-gradients
const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));
const logit = (d: number) => Math.log(d / (1 - d));

/** Saturating loss log(1 - σ(l)), which G minimises: d/dl = -σ(l). */
export const saturatingSlope = (d: number) => -sigmoid(logit(d));

/** Non-saturating loss -log σ(l): d/dl = -(1 - σ(l)). */
export const nonSaturatingSlope = (d: number) => -(1 - sigmoid(logit(d)));

// A discriminator that rejects a sample with confidence: D(G(z)) = 0.01.
saturatingSlope(0.01); // -0.01: almost no signal for G
nonSaturatingSlope(0.01); // -0.99: a strong push towards "real"
// #endregion generator-gradients

/** The same two losses differentiated with respect to D itself rather than its logit. */
export const saturatingSlopeInD = (d: number) => -1 / (1 - d);
export const nonSaturatingSlopeInD = (d: number) => -1 / d;

/** The numbers the article states at D(G(z)) = 0.01. */
export const rejected = {
  d: 0.01,
  saturating: saturatingSlope(0.01),
  nonSaturating: nonSaturatingSlope(0.01),
  ratio: nonSaturatingSlope(0.01) / saturatingSlope(0.01),
  saturatingInD: saturatingSlopeInD(0.01),
  nonSaturatingInD: nonSaturatingSlopeInD(0.01),
};
