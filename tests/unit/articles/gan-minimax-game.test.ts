/**
 * The numbers "The minimax game behind GANs" and its Q&A state about the maths, computed
 * by the code the post shows: the two-outcome example to four places (−1.1828, not the
 * −1.183 that the rounded terms −1.386 + 0.204 contradict), the optimal discriminator
 * under the shipped models' one-sided label smoothing (0.45 at the optimum), and the lines
 * the post highlights.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  example,
  exampleResults,
  jensenShannon,
  optimalDiscriminator,
  smoothedOptimalDiscriminator,
  valueAtOptimum,
} from '../../../content/posts/gan-minimax-game/optimal-discriminator.ts';
import { exampleCurves, pointwiseObjective } from '../../../content/posts/gan-minimax-game/pointwise-figure.ts';
import { getPreset } from '../../../models/gan/presets.ts';
import { readSourceRegion } from '../../../src/lib/source-region.ts';

const POST = readFileSync('content/posts/gan-minimax-game.mdx', 'utf8');
const EXPLANATION = readFileSync('content/qa/gan-minimax-game/explanation.md', 'utf8');
const REVIEW = readFileSync('content/qa/gan-minimax-game/review.md', 'utf8');
const CODE = 'content/posts/gan-minimax-game/optimal-discriminator.ts';

const round = (x: number, places: number) => Number(x.toFixed(places));

describe('the two-outcome example', () => {
  const c = valueAtOptimum(example.pData, example.pG);
  const jsd = jensenShannon(example.pData, example.pG);

  it('prints -1.3863 + 0.2035 = -1.1828, which holds at four places', () => {
    expect(round(-Math.log(4), 4)).toBe(-1.3863);
    expect(round(2 * jsd, 4)).toBe(0.2035);
    expect(round(c, 4)).toBe(-1.1828);
    expect(round(-1.3863 + 0.2035, 4)).toBe(round(c, 4));
    const comment = readSourceRegion(CODE, 'example');
    expect(comment).toContain('// -1.3863 + 0.2035 = -1.1828');
    expect(EXPLANATION).toContain('-1.3863 + 0.2035 = -1.1828');
  });

  it('shows why three places mislead: the rounded terms sum to -1.182, the value rounds to -1.183', () => {
    expect(round(jsd, 3)).toBe(0.102);
    expect(round(round(-Math.log(4), 3) + 2 * round(jsd, 3), 3)).toBe(-1.182);
    expect(round(c, 3)).toBe(-1.183);
    expect(round(c, 5)).toBe(-1.1828);
    expect(round(jsd, 5)).toBe(0.10175);
    expect(EXPLANATION).toContain('$-1.386 + 2 \\times 0.102 = -1.182$');
    expect(EXPLANATION).toContain('$-1.18280$ rounds to $-1.183$');
  });

  it('highlights the lines that the prose describes (4: D*, 5: C(G), 6: the JSD check)', () => {
    const lines = readSourceRegion(CODE, 'example').split('\n');
    const highlight = /region="example" highlight="(\d+)-(\d+)"/.exec(POST);
    expect(highlight?.slice(1)).toEqual(['4', '6']);
    expect(lines[3]).toMatch(/^const dStar = optimalDiscriminator\(/);
    expect(lines[4]).toMatch(/^const value = valueAtOptimum\(/);
    expect(lines[5]).toMatch(/^const viaJsd = -Math\.log\(4\) \+ 2 \* jensenShannon\(/);
    expect(round(exampleResults.value, 4)).toBe(-1.1828);
    expect(exampleResults.viaJsd).toBeCloseTo(exampleResults.value, 12);
    expect(POST).toContain('distrusts it (line 4); the value at the optimum (line 5)');
  });
});

describe('one-sided label smoothing', () => {
  it('is what the shipped models train with: real target 0.9', () => {
    expect(getPreset('dcgan').realLabel).toBe(0.9);
    expect(getPreset('cgan').realLabel).toBe(0.9);
  });

  it('scales the optimal discriminator by the target: 0.45 at p_g = p_data', () => {
    const p = [0.2, 0.3, 0.5];
    for (const d of smoothedOptimalDiscriminator(p, p, 0.9)) expect(d).toBeCloseTo(0.45, 12);
    const plain = optimalDiscriminator(example.pData, example.pG);
    const smoothed = smoothedOptimalDiscriminator(example.pData, example.pG, 0.9);
    smoothed.forEach((d, i) => expect(d).toBeCloseTo(0.9 * plain[i]!, 12));
    expect(round(smoothed[0]!, 3)).toBe(0.321);
    expect(smoothed[1]).toBeCloseTo(0.75, 12);
    expect(EXPLANATION).toContain('$0.9 \\times 5/14 \\approx 0.321$');
  });

  it('is the maximiser of the smoothed objective at each x (checked on a grid)', () => {
    const [pd, pg, alpha] = [0.3, 0.1, 0.9];
    const objective = (d: number) => pd * (alpha * Math.log(d) + (1 - alpha) * Math.log(1 - d)) + pg * Math.log(1 - d);
    const grid = Array.from({ length: 9999 }, (_, i) => (i + 1) / 10000);
    const best = grid.reduce((a, b) => (objective(b) > objective(a) ? b : a));
    expect(best).toBeCloseTo(smoothedOptimalDiscriminator([pd], [pg], alpha)[0]!, 3);
    // The review question's numbers: 0.75 unsmoothed, 0.675 smoothed.
    expect(optimalDiscriminator([pd], [pg])[0]).toBeCloseTo(0.75, 12);
    expect(smoothedOptimalDiscriminator([pd], [pg], alpha)[0]).toBeCloseTo(0.675, 12);
    expect(REVIEW).toContain('$0.3 / (0.3 + 0.1) = 0.75$ without smoothing; $0.9 \\times 0.75 = 0.675$ with it');
  });
});

describe('the pointwise-objective figure', () => {
  it('peaks at D* for each outcome of the example, and nowhere higher on its curve', () => {
    const dStar = optimalDiscriminator(example.pData, example.pG);
    for (const curve of exampleCurves()) {
      const i = curve.outcome - 1;
      expect(curve.peak.d).toBeCloseTo(dStar[i]!, 12);
      const u = example.pData[i]!;
      const v = example.pG[i]!;
      for (const y of [0.05, 0.2, 0.5, 0.7, 0.95]) {
        expect(pointwiseObjective(u, v, y)).toBeLessThanOrEqual(curve.peak.value + 1e-12);
      }
      // The drawn peak is the highest point of the drawn curve (smallest SVG y).
      const ys = curve.points.split(' ').map((p) => Number(p.split(',')[1]));
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(curve.peak.svgY - 0.5);
    }
  });
});
