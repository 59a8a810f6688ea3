/**
 * Every number "Why GAN training fails" states about the maths, recomputed here from the
 * article's own code (content/posts/gan-training-failures/divergences.ts) and checked
 * against closed forms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generatorGradientsAtFakeMean,
  leastSquaresExample,
  leastSquaresOptimalDiscriminator,
  parallelLines,
  parallelLinesExample,
  prose,
  separationSweep,
} from '../../../content/posts/gan-training-failures/divergences.ts';

describe('separating Gaussians (figure "separation-table")', () => {
  it('matches the closed forms θ/σ² · D* and θ/σ² · (1 − D*)', () => {
    for (const { sigma, dStar, saturating, nonSaturating } of separationSweep) {
      const scale = 1 / (sigma * sigma);
      expect(dStar).toBeCloseTo(1 / (1 + Math.exp(1 / (2 * sigma * sigma))), 15);
      expect(saturating).toBeCloseTo(scale * dStar, 12);
      expect(nonSaturating).toBeCloseTo(scale * (1 - dStar), 12);
    }
  });

  it('matches finite differences of the losses built from the two Gaussian densities, with the sign that moves x towards the data', () => {
    const theta = 1;
    for (const sigma of [0.5, 0.25, 0.1]) {
      const density = (x: number, mean: number) => Math.exp(-((x - mean) ** 2) / (2 * sigma * sigma));
      const dStarAt = (x: number) => density(x, 0) / (density(x, 0) + density(x, theta));
      const h = 1e-6 * sigma;
      const slope = (f: (x: number) => number) => (f(theta + h) - f(theta - h)) / (2 * h);
      const { dStar, saturating, nonSaturating } = generatorGradientsAtFakeMean(theta, sigma);
      expect(dStar / dStarAt(theta)).toBeCloseTo(1, 9);
      // log(1 − D*) through log1p, so that the tiny D* at σ = 0.1 is not rounded away.
      expect(saturating / slope((x) => Math.log1p(-dStarAt(x)))).toBeCloseTo(1, 5);
      expect(nonSaturating / slope((x) => -Math.log(dStarAt(x)))).toBeCloseTo(1, 5);
      // Positive gradients: a descent step moves the generated sample towards the data at 0.
      expect(saturating).toBeGreaterThan(0);
      expect(nonSaturating).toBeGreaterThan(0);
    }
  });

  it('states the values the prose quotes', () => {
    expect(separationSweep.map((r) => r.sigma)).toEqual([0.5, 0.25, 0.1]);
    expect(separationSweep.map((r) => prose(r.saturating))).toEqual(['0.477', '0.00537', '1.9 × 10⁻²⁰']);
    expect(separationSweep.map((r) => prose(r.nonSaturating))).toEqual(['3.52', '16', '100']);
  });

  it('vanishes for the saturating loss and grows for the non-saturating one as the supports separate', () => {
    const wide = generatorGradientsAtFakeMean(1, 1);
    const narrow = generatorGradientsAtFakeMean(1, 0.05);
    expect(narrow.saturating).toBeLessThan(wide.saturating * 1e-10);
    expect(narrow.nonSaturating).toBeGreaterThan(wide.nonSaturating * 100);
  });
});

describe('parallel lines (Arjovsky et al. 2017, Example 1)', () => {
  it('gives W = |θ| and the other divergences at their maximum when θ ≠ 0', () => {
    expect(parallelLinesExample.apart).toEqual({ wasserstein: 0.5, jensenShannon: Math.LN2, kullbackLeibler: Infinity, totalVariation: 1 });
    expect(parallelLinesExample.together).toEqual({ wasserstein: 0, jensenShannon: 0, kullbackLeibler: 0, totalVariation: 0 });
    expect(parallelLines(-0.25).wasserstein).toBe(0.25);
    expect(prose(Math.LN2)).toBe('0.693');
    expect(prose(Infinity)).toBe('∞');
  });
});

describe('least-squares optimum (Mao et al. 2017)', () => {
  it('equals the logistic D* for the 0-1 coding and 0.5 for a = −1, b = 1 at p_data = 0.3, p_g = 0.1', () => {
    expect(leastSquaresExample.zeroOne).toBeCloseTo(0.3 / (0.3 + 0.1), 12);
    expect(prose(leastSquaresExample.zeroOne)).toBe('0.75');
    expect(prose(leastSquaresExample.symmetric)).toBe('0.5');
  });
});

describe('the Q&A set states the same numbers', () => {
  const read = (kind: string) => readFileSync(new URL(`../../../content/qa/gan-training-failures/${kind}.md`, import.meta.url), 'utf8');

  it('explanation: the worked example at σ = 0.5 and σ = 0.1', () => {
    const text = read('explanation');
    const [wide, , narrow] = separationSweep;
    expect(text).toContain(`\\approx ${prose(wide!.dStar)}`);
    expect(text).toContain(`\\approx ${prose(wide!.saturating)}`);
    expect(text).toContain(`\\approx ${prose(wide!.nonSaturating)}`);
    expect(narrow!.dStar.toExponential(1)).toBe('1.9e-22');
    expect(text).toContain('\\approx 1.9 \\times 10^{-22}');
    expect(narrow!.saturating.toExponential(1)).toBe('1.9e-20');
    expect(text).toContain('about $1.9 \\times 10^{-20}$');
    expect(text).toContain(`gradient is ${prose(narrow!.nonSaturating)}`);
  });

  it('review: the slopes at D = 0.02 and the least-squares optimum', () => {
    const text = read('review');
    const d = 0.02;
    expect(-(1 - d) / -d).toBeCloseTo(49, 12);
    expect(text).toContain('49 times larger');
    expect(leastSquaresOptimalDiscriminator(0.2, 0.6, 0, 1)).toBeCloseTo(0.25, 12);
    expect(text).toContain('= 0.25$');
  });
});
