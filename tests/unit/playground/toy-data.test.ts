/**
 * The playground's targets and measurements: seeded sampling, modes covered, and the D*
 * estimate against the exact density ratio of two known Gaussians.
 */
import { describe, expect, it } from 'vitest';
import {
  createRng,
  EXTENT,
  kernelDensity,
  makeTarget,
  modesCovered,
  optimalDiscriminator,
  planeGrid,
  TARGET_NAMES,
} from '../../../models/gan/toy-data.ts';

const gaussian = (n: number, mx: number, my: number, sigma: number, seed: number) => {
  const rng = createRng(seed, 'test');
  return Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? mx : my) + sigma * rng.normal());
};
const density = (x: number, y: number, mx: number, my: number, s: number) =>
  Math.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * s * s)) / (2 * Math.PI * s * s);

describe('targets', () => {
  it('sample the same points for the same seed, and other points for another', () => {
    for (const name of TARGET_NAMES) {
      const target = makeTarget(name, [0.5, 0.5, -1, 1]);
      const a = target.sample(100, createRng(3, 'data'));
      expect(target.sample(100, createRng(3, 'data'))).toEqual(a);
      expect(target.sample(100, createRng(4, 'data'))).not.toEqual(a);
      expect(a.every((v) => Math.abs(v) < EXTENT)).toBe(true);
    }
  });

  it('the ring has 8 modes on a circle of radius 2 and the grid 25 modes', () => {
    expect(makeTarget('ring').modes).toHaveLength(8);
    expect(makeTarget('ring').modes.every(([x, y]) => Math.abs(Math.hypot(x, y) - 2) < 1e-9)).toBe(true);
    expect(makeTarget('grid').modes).toHaveLength(25);
  });
});

describe('modes covered', () => {
  it('counts every mode of real ring data, and one when all points sit on one mode', () => {
    const ring = makeTarget('ring');
    expect(modesCovered(ring, ring.sample(1000, createRng(1, 'x'))).covered).toBe(8);
    expect(modesCovered(ring, gaussian(1000, 2, 0, 0.02, 1)).covered).toBe(1);
    const split = new Float32Array([...gaussian(500, 2, 0, 0.02, 1), ...gaussian(500, -2, 0, 0.02, 2)]);
    expect(modesCovered(ring, split).covered).toBe(2);
  });

  it('ignores a handful of stray points near a mode (under a tenth of its fair share)', () => {
    const ring = makeTarget('ring');
    const mostly = new Float32Array([...gaussian(995, 2, 0, 0.02, 1), ...gaussian(5, 0, 2, 0.02, 2)]);
    expect(modesCovered(ring, mostly).covered).toBe(1);
  });
});

describe('optimal discriminator estimate', () => {
  it('equals p1 / (p1 + p2) of two known Gaussians within 0.05 where both have mass', () => {
    const s = 0.5;
    const real = gaussian(4000, -0.5, 0, s, 1);
    const fake = gaussian(4000, 0.5, 0, s, 2);
    const queries = Float32Array.from([-1, 0, -0.5, 0, 0, 0, 0.5, 0, 1, 0, 0, 0.5]);
    const estimate = optimalDiscriminator(real, fake, queries, 0.15);
    for (let i = 0; i < queries.length / 2; i++) {
      const x = queries[2 * i]!;
      const y = queries[2 * i + 1]!;
      const p1 = density(x, y, -0.5, 0, s);
      const exact = p1 / (p1 + density(x, y, 0.5, 0, s));
      expect(Math.abs(estimate[i]! - exact), `at (${x}, ${y})`).toBeLessThan(0.05);
    }
  });

  it('is 0.5 ("no opinion") where neither distribution has mass, and the KDE integrates to 1', () => {
    const real = gaussian(200, 0, 0, 0.1, 1);
    expect(optimalDiscriminator(real, real, Float32Array.from([2.4, 2.4]), 0.1)[0]).toBe(0.5);
    const cells = 60;
    const grid = planeGrid(cells);
    const area = (2 * EXTENT) ** 2 / (cells * cells);
    expect(kernelDensity(real, grid, 0.2).reduce((a, b) => a + b, 0) * area).toBeCloseTo(1, 2);
  });
});

describe('kernel density on a grid', () => {
  it('the factorised grid path equals the direct sum at every query', () => {
    const points = gaussian(300, 0.2, -0.1, 0.4, 3);
    const grid = planeGrid(12);
    const fast = kernelDensity(points, grid, 0.15);
    for (let j = 0; j < grid.length / 2; j++) {
      // One query has one distinct x and y: the direct path.
      const direct = kernelDensity(points, grid.subarray(2 * j, 2 * j + 2), 0.15)[0]!;
      expect(fast[j]!).toBeCloseTo(direct, 5);
    }
    expect(Math.max(...fast)).toBeGreaterThan(0.1);
  });
});
