/**
 * Low-rank factorisation of the generator's first dense layer: the truncated SVD is exact at
 * full rank and the best rank-r approximation below it, and the factorised generator is a
 * stock layers model that reproduces the original at full rank and round-trips through the
 * artifact format (float32 exactly, uint8 within the stated tolerance).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayersModel, loadLayersModelFromDir } from '../../../models/artifact/layers-io.node.ts';
import { factoriseGenerator, truncatedSvd } from '../../../models/artifact/low-rank.node.ts';
import { buildConvGenerator, type ConvGanConfig } from '../../../models/gan/architectures.ts';
import { generatorInputs } from '../../../models/gan/generator-inputs.ts';
import { sampleLatents } from '../../../models/gan/latent.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

/** A small self-conditioned generator (a code read from z, like the shipped dcgan): 20 → 196. */
const arch: ConvGanConfig = {
  kind: 'conv',
  latentDim: 14,
  baseFilters: 2,
  kernelSize: 4,
  batchNorm: true,
  categoricalCode: 6,
  codeOffsets: [0.1, -0.1, 0, 0.2, -0.2, 0],
  codeConditionsDiscriminator: true,
};
const LOWER_RANK = 8;
/** Largest pixel difference ([-1, 1] scale) uint8 storage may cause on this model. */
const UINT8_TOLERANCE = 0.05;

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
  dir = mkdtempSync(path.join(os.tmpdir(), 'low-rank-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function outputs(model: ReturnType<typeof buildConvGenerator>): Float32Array {
  return tf.tidy(
    () => (model.predict(generatorInputs(sampleLatents(3, 32, arch.latentDim), arch.latentDim)) as tf.Tensor).dataSync() as Float32Array,
  );
}
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('truncatedSvd', () => {
  const rng = seedrandom('svd');
  const rows = 6;
  const cols = 9;
  const w = Float32Array.from({ length: rows * cols }, () => rng() - 0.5);
  const product = (left: Float32Array, right: Float32Array, r: number) =>
    Float32Array.from({ length: rows * cols }, (_, idx) => {
      const i = Math.floor(idx / cols);
      const j = idx % cols;
      let s = 0;
      for (let k = 0; k < r; k++) s += left[i * r + k]! * right[k * cols + j]!;
      return s;
    });

  it('reconstructs the matrix at full rank and keeps less energy, with more error, below it', () => {
    const full = truncatedSvd(w, rows, cols, rows);
    expect(full.retainedEnergy).toBeCloseTo(1, 10);
    expect(maxDiff(product(full.left, full.right, rows), w)).toBeLessThan(1e-5);
    const errors = [1, 3, 5].map((r) => {
      const t = truncatedSvd(w, rows, cols, r);
      const residual = product(t.left, t.right, r).reduce((s, v, i) => s + (v - w[i]!) ** 2, 0);
      // Eckart–Young: the squared residual is the energy of the dropped singular values.
      const dropped = full.singularValues.slice(r).reduce((s, x) => s + x * x, 0);
      expect(residual).toBeCloseTo(dropped, 4);
      return residual;
    });
    expect(errors[0]).toBeGreaterThan(errors[1]!);
    expect(errors[1]).toBeGreaterThan(errors[2]!);
  });

  it('names a bad rank and a wrong size', () => {
    expect(() => truncatedSvd(w, rows, cols, 7)).toThrow(/rank must be an integer in \[1, 6\]/);
    expect(() => truncatedSvd(w, rows, cols + 1, 2)).toThrow(/54 values for a 6 x 10 matrix/);
  });
});

describe('factoriseGenerator', () => {
  it('reproduces the generator at full rank and leaves no tensors behind', () => {
    const g = buildConvGenerator(arch);
    const before = tf.memory().numTensors;
    const { model } = factoriseGenerator(g, arch, 20);
    expect(maxDiff(outputs(model), outputs(g))).toBeLessThan(1e-4);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
  });

  it('at a lower rank: fewer weights, a stock layers artifact, and uint8 within the tolerance', async () => {
    const g = buildConvGenerator(arch);
    const { model, svd } = factoriseGenerator(g, arch, LOWER_RANK);
    expect(svd.retainedEnergy).toBeLessThan(1);
    expect(g.countParams() - model.countParams()).toBe(20 * 196 - (20 * LOWER_RANK + LOWER_RANK * 196));
    expect(model.getLayer('project_factor').getWeights()[0]!.shape).toEqual([20, LOWER_RANK]);
    const reference = outputs(model);

    await exportLayersModel(model, dir, 'none');
    const float32 = await loadLayersModelFromDir(dir);
    expect(maxDiff(outputs(float32), reference)).toBe(0);
    await exportLayersModel(model, dir, 'uint8');
    const uint8 = await loadLayersModelFromDir(dir);
    const d = maxDiff(outputs(uint8), reference);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(UINT8_TOLERANCE);
    for (const m of [g, model, float32, uint8]) m.dispose();
  });
});
