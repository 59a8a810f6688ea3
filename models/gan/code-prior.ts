/**
 * A categorical prior read off Gaussian latents: c = argmax_k (z_k + b_k) for z ~ N(0, I_K).
 * With all offsets b_k = 0 every category is equally likely; `argmaxOffsets` finds the offsets
 * that give any other category probabilities, so a generator whose input is only z ~ N(0, I)
 * can still draw its code from, say, the sizes of data clusters.
 */

/** Standard normal CDF Φ(x), from erfc (W. J. Cody's rational approximations via Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * P(argmax_k (z_k + b_k) = k) for z ~ N(0, I), by integrating φ(x - b_k) Π_{j≠k} Φ(x - b_j) over x
 * on a fine grid (a Riemann sum on [min b - 9, max b + 9], step 0.005).
 */
export function argmaxProbabilities(offsets: readonly number[]): number[] {
  const lo = Math.min(...offsets) - 9;
  const hi = Math.max(...offsets) + 9;
  const h = 0.005;
  const p = new Array<number>(offsets.length).fill(0);
  for (let x = lo; x <= hi; x += h) {
    const cdf = offsets.map((b) => normalCdf(x - b));
    const all = cdf.reduce((a, c) => a * c, 1);
    offsets.forEach((b, k) => {
      const c = cdf[k] ?? 1;
      if (c > 0) p[k] = (p[k] ?? 0) + (h * Math.exp(-0.5 * (x - b) ** 2) * all) / (Math.sqrt(2 * Math.PI) * c);
    });
  }
  return p;
}

/**
 * Offsets b (mean 0) with P(argmax_k (z_k + b_k) = k) = probabilities[k], found by the damped
 * fixed-point iteration b ← b + η (log p - log P(b)) (η = 0.25: the undamped step overshoots).
 * @param probabilities positive, summing to 1
 * @returns offsets whose achieved probabilities match to about 1e-4
 */
export function argmaxOffsets(probabilities: readonly number[], iterations = 300): number[] {
  if (probabilities.some((q) => !(q > 0))) throw new RangeError('argmaxOffsets: every probability must be positive');
  let b = probabilities.map(() => 0);
  for (let i = 0; i < iterations; i++) {
    const achieved = argmaxProbabilities(b);
    if (achieved.every((a, k) => Math.abs(a - (probabilities[k] ?? 0)) < 1e-7)) break;
    b = b.map((v, k) => v + 0.25 * (Math.log(probabilities[k] ?? 1) - Math.log(achieved[k] ?? 1)));
    const mean = b.reduce((a, v) => a + v, 0) / b.length;
    b = b.map((v) => v - mean);
  }
  return b;
}
