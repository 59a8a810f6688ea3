/**
 * The conditional-GAN article's toy numbers: a projection discriminator's logit on a
 * two-dimensional feature vector, why concatenating the label at the last linear layer
 * only shifts the logit by a per-class constant, and AC-GAN's two log-likelihoods.
 * tests/unit/articles/conditional-gans.test.ts checks every number the prose states.
 */

// #region projection-logit
/**
 * Projection discriminator (Miyato & Koyama 2018): f(x, y) = vᵧ · φ(x) + ψ(φ(x)), with
 * vᵧ the row of the embedding V for class y and ψ linear here (ψ(φ) = w · φ + b).
 */
export function projectionLogit(
  phi: readonly number[],
  embedding: readonly (readonly number[])[],
  y: number,
  w: readonly number[],
  b: number,
): number {
  const v = embedding[y];
  if (v === undefined) throw new RangeError(`projectionLogit: no embedding row for class ${y}`);
  return dot(v, phi) + dot(w, phi) + b;
}

/**
 * A last linear layer over [φ(x), onehot(y)]: w · φ + uᵧ + b. The label enters as a
 * bias uᵧ that is the same for every image, so it cannot say which images suit class y.
 */
export function concatenationLogit(
  phi: readonly number[],
  labelWeights: readonly number[],
  y: number,
  w: readonly number[],
  b: number,
): number {
  const u = labelWeights[y];
  if (u === undefined) throw new RangeError(`concatenationLogit: no label weight for class ${y}`);
  return dot(w, phi) + u + b;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, ai, i) => sum + ai * b[i]!, 0);
}
// #endregion projection-logit

// #region toy-example
const phiSeven = [2, 1]; // features of an image that looks like a 7
const phiOne = [0, 3]; // features of an image that looks like a 1
const V = [
  [1, 0], // v for class "7"
  [0, 1], // v for class "1"
];
const w = [0.5, 0.5];
const b = -1;

// Projection: the class term depends on the image.
projectionLogit(phiSeven, V, 0, w, b); // 2 + 0.5 = 2.5   (a 7 asked to be a 7)
projectionLogit(phiSeven, V, 1, w, b); // 1 + 0.5 = 1.5   (a 7 asked to be a 1)
projectionLogit(phiOne, V, 1, w, b); //   3 + 0.5 = 3.5   (a 1 asked to be a 1)
projectionLogit(phiOne, V, 0, w, b); //   0 + 0.5 = 0.5   (a 1 asked to be a 7)

// Concatenation at the last layer: switching the label moves every logit by u₁ − u₀.
const u = [0.3, -0.2];
const shiftSeven = concatenationLogit(phiSeven, u, 1, w, b) - concatenationLogit(phiSeven, u, 0, w, b); // -0.5
const shiftOne = concatenationLogit(phiOne, u, 1, w, b) - concatenationLogit(phiOne, u, 0, w, b); //     -0.5
// #endregion toy-example

export const toy = { phiSeven, phiOne, V, w, b, u, shiftSeven, shiftOne };

// #region acgan-terms
/**
 * AC-GAN (Odena, Olah & Shlens 2017): the discriminator outputs a source probability
 * P(S = real | x) and class probabilities P(C | x). For one real and one generated image,
 *   L_S = log P(S = real | x_real) + log P(S = fake | x_fake)
 *   L_C = log P(C = c | x_real) + log P(C = c | x_fake)
 * D is trained to maximise L_S + L_C, G to maximise L_C − L_S.
 */
export function acganTerms(
  pRealGivenReal: number,
  pRealGivenFake: number,
  pClassGivenReal: number,
  pClassGivenFake: number,
): { sourceLogLikelihood: number; classLogLikelihood: number } {
  return {
    sourceLogLikelihood: Math.log(pRealGivenReal) + Math.log(1 - pRealGivenFake),
    classLogLikelihood: Math.log(pClassGivenReal) + Math.log(pClassGivenFake),
  };
}
// #endregion acgan-terms
