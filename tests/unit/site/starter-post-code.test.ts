/**
 * Runs the code that "The minimax game behind GANs" shows, and checks the
 * numbers its comments and prose state.
 */
import { describe, expect, it } from 'vitest';
import {
  example,
  jensenShannon,
  optimalDiscriminator,
  valueAtOptimum,
} from '../../../content/posts/gan-minimax-game/optimal-discriminator.ts';

describe('starter post code', () => {
  it('computes D* = p_data / (p_data + p_g)', () => {
    const [a, b] = optimalDiscriminator(example.pData, example.pG);
    expect(a).toBeCloseTo(5 / 14, 12);
    expect(b).toBeCloseTo(5 / 6, 12);
    expect(a).toBeCloseTo(0.357, 3);
    expect(b).toBeCloseTo(0.833, 3);
  });

  it('matches C(G) = -log 4 + 2 JSD on the example (-1.183)', () => {
    const c = valueAtOptimum(example.pData, example.pG);
    const jsd = jensenShannon(example.pData, example.pG);
    expect(c).toBeCloseTo(-1.183, 3);
    expect(jsd).toBeCloseTo(0.102, 3);
    expect(c).toBeCloseTo(-Math.log(4) + 2 * jsd, 12);
  });

  it('reaches the minimum -log 4 with D* = 1/2 exactly when p_g = p_data', () => {
    const p = [0.2, 0.3, 0.5];
    expect(optimalDiscriminator(p, p)).toEqual([0.5, 0.5, 0.5]);
    expect(valueAtOptimum(p, p)).toBeCloseTo(-Math.log(4), 12);
    expect(jensenShannon(p, p)).toBe(0);
    for (const q of [
      [0.5, 0.3, 0.2],
      [0.1, 0.1, 0.8],
    ]) {
      expect(valueAtOptimum(p, q)).toBeGreaterThan(-Math.log(4));
      expect(valueAtOptimum(p, q)).toBeCloseTo(-Math.log(4) + 2 * jensenShannon(p, q), 12);
    }
  });
});
