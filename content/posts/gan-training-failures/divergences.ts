/**
 * The computed claims of "Why GAN training fails, and the losses that help". The
 * article renders these values at build and shows the regions; the unit test
 * (tests/unit/articles/gan-training-failures.test.ts) checks every number it states.
 */

// #region parallel-lines
/**
 * Arjovsky et al. (2017), Example 1: real data on the segment {0} x [0, 1], the model's on
 * {θ} x [0, 1]. For θ ≠ 0 the two supports never meet, so every divergence that compares
 * densities point by point is stuck at its maximum, while the Wasserstein-1 distance is |θ|.
 */
export function parallelLines(theta: number) {
  const apart = theta !== 0;
  return {
    wasserstein: Math.abs(theta),
    jensenShannon: apart ? Math.LN2 : 0,
    kullbackLeibler: apart ? Infinity : 0,
    totalVariation: apart ? 1 : 0,
  };
}
// #endregion parallel-lines

// #region separating-gaussians
/**
 * Real data N(0, σ²), generated data N(θ, σ²) in one dimension. The optimal discriminator is
 * D*(x) = σ(ℓ(x)) with the log density ratio ℓ(x) = (θ² − 2θx) / (2σ²). We take the gradient of
 * each generator loss with respect to a generated sample x, at the generated mean x = θ.
 */
export function generatorGradientsAtFakeMean(theta: number, sigma: number) {
  const logit = (theta * theta - 2 * theta * theta) / (2 * sigma * sigma); // ℓ(θ) = −θ²/(2σ²)
  const dStar = 1 / (1 + Math.exp(-logit));
  const slope = -theta / (sigma * sigma); // dℓ/dx
  return {
    dStar,
    /** d/dx log(1 − D*(x)) = −D*(x) · dℓ/dx */
    saturating: -dStar * slope,
    /** d/dx −log D*(x) = −(1 − D*(x)) · dℓ/dx */
    nonSaturating: -(1 - dStar) * slope,
  };
}
// #endregion separating-gaussians

// #region least-squares-optimum
/**
 * Mao et al. (2017): for D minimising ½E_data[(D(x) − b)²] + ½E_g[(D(x) − a)²], the optimum at
 * each x is the mixture of the two targets weighted by the two densities.
 */
export function leastSquaresOptimalDiscriminator(pData: number, pG: number, a: number, b: number): number {
  return (b * pData + a * pG) / (pData + pG);
}
// #endregion least-squares-optimum

/** The sweep the article tabulates: the supports separate as σ shrinks with θ = 1 fixed. */
export const separationSweep = [0.5, 0.25, 0.1].map((sigma) => ({ sigma, ...generatorGradientsAtFakeMean(1, sigma) }));

/** The parallel-lines example at θ = 0.5 and at θ = 0. */
export const parallelLinesExample = { apart: parallelLines(0.5), together: parallelLines(0) };

/** LSGAN's optimum with the 0-1 coding (a = 0, b = 1) and with a = −1, b = 1, at p_data = 0.3, p_g = 0.1. */
export const leastSquaresExample = {
  zeroOne: leastSquaresOptimalDiscriminator(0.3, 0.1, 0, 1),
  symmetric: leastSquaresOptimalDiscriminator(0.3, 0.1, -1, 1),
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Formats a number for prose: 3 significant digits, "1.9 × 10⁻²⁰" below 10⁻³, "∞" for infinity. */
export function prose(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (value !== 0 && Math.abs(value) < 1e-3) {
    const [mantissa = '', exponent = ''] = value.toExponential(1).split('e');
    const power = [...String(Number(exponent))].map((c) => SUPERSCRIPT[c] ?? c).join('');
    return `${mantissa} × 10${power}`;
  }
  return Number(value.toPrecision(3)).toString();
}
