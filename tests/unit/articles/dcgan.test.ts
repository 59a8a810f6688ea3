/**
 * The numbers the DCGAN article states about transposed-convolution overlap and latent
 * lengths, computed by content/posts/dcgan/overlap.ts, and the overlap counts checked
 * against TF.js's own conv2dTranspose (all-ones input and kernel count the terms).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  examples,
  midpointLengthRatio,
  norm,
  overlapCounts,
  overlapCounts2d,
  overlapCountsSame,
} from '../../../content/posts/dcgan/overlap.ts';
import { sampleLatents, slerp } from '../../../models/gan/latent.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** conv2dTranspose of an all-ones [n, n] input with an all-ones [k, k] kernel: one row of the terms per position. */
function tfOverlapRow(n: number, kernel: number, stride: number, pad: 'valid' | 'same'): number[] {
  return tf.tidy(() => {
    const outLength = pad === 'same' ? n * stride : (n - 1) * stride + kernel;
    const x = tf.ones([1, n, n, 1]) as tf.Tensor4D;
    const filter = tf.ones([kernel, kernel, 1, 1]) as tf.Tensor4D;
    const y = tf.conv2dTranspose(x, filter, [1, outLength, outLength, 1], stride, pad);
    const grid = tf.reshape(y, [outLength, outLength]).arraySync() as number[][];
    // Row 0 has a row count of 1, so it is the column counts themselves.
    return grid[0]!;
  });
}

describe('DCGAN article: transposed-convolution overlap', () => {
  it('kernel 4, stride 2: every interior position gets 2 terms (even overlap)', () => {
    expect(examples.evenOverlap).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(new Set(overlapCounts(20, 4, 2).slice(2, -2))).toEqual(new Set([2]));
  });

  it('kernel 3, stride 2: interior positions alternate 2, 1 (uneven overlap)', () => {
    expect(examples.unevenOverlap).toEqual([1, 1, 2, 1, 2, 1, 2, 1, 1]);
    expect(overlapCounts(20, 3, 2).slice(2, 8)).toEqual([2, 1, 2, 1, 2, 1]);
  });

  it('in 2-D the uneven counts multiply into a checkerboard of 4, 2 and 1', () => {
    expect(examples.unevenIn2d).toEqual([4, 2, 4, 2]);
    const grid = overlapCounts2d(6, 3, 2);
    expect(new Set(grid.slice(2, -2).flatMap((row) => row.slice(2, -2)))).toEqual(new Set([1, 2, 4]));
    expect(
      new Set(
        overlapCounts2d(6, 4, 2)
          .slice(2, -2)
          .flatMap((row) => row.slice(2, -2)),
      ),
    ).toEqual(new Set([4]));
  });

  it("the shipped 7 → 14 layer (kernel 4, stride 2, 'same'): 2 terms inside, 1 at each border", () => {
    expect(examples.shippedLayer).toHaveLength(14);
    expect(examples.shippedLayer[0]).toBe(1);
    expect(examples.shippedLayer[13]).toBe(1);
    expect(new Set(examples.shippedLayer.slice(1, -1))).toEqual(new Set([2]));
  });

  it('matches TF.js conv2dTranspose for valid and same padding, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    for (const [n, k, s] of [
      [4, 4, 2],
      [4, 3, 2],
      [7, 4, 2],
      [7, 3, 2],
      [5, 5, 2],
      [4, 3, 3],
    ] as const) {
      expect(tfOverlapRow(n, k, s, 'valid')).toEqual(overlapCounts(n, k, s));
      expect(tfOverlapRow(n, k, s, 'same')).toEqual(overlapCountsSame(n, k, s));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('DCGAN article: latent lengths', () => {
  it('a straight-line midpoint is about 1/√2 ≈ 0.71 as long as a draw; a slerp midpoint is not shorter', () => {
    expect(midpointLengthRatio()).toBeCloseTo(0.71, 2);
    const d = 164; // the shipped dcgan's latentDim
    const z = sampleLatents(3, 2, d);
    const z0 = z.subarray(0, d);
    const z1 = z.subarray(d, 2 * d);
    const straight = z0.map((v, i) => (v + z1[i]!) / 2);
    const ratioStraight = norm(straight) / Math.sqrt(d);
    const ratioSlerp = norm(slerp(z0, z1, 0.5)) / Math.sqrt(d);
    expect(Math.abs(ratioStraight - midpointLengthRatio())).toBeLessThan(0.1);
    expect(ratioSlerp).toBeGreaterThan(0.9);
  });
});
