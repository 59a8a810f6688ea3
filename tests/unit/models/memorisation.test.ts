/**
 * The memorisation check: nearest neighbours are exact, a "generator" that returns training
 * images (all of them, or one sample in ten) is flagged, and the shipped dcgan is not.
 * Small sets (3,000 training images, 200 samples, 200 test images) keep it to seconds on the
 * WASM backend; the reference distances use the same training subset, so the rule is unchanged.
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir } from '../../../models/artifact/layers-io.node.ts';
import { FEATURE_DIM } from '../../../models/classifier/model.ts';
import { loadMnist, type MnistSet } from '../../../models/data/mnist.node.ts';
import { compareDistances, figureSelection, memorisationCheck, nearestNeighbours, quantile } from '../../../models/eval/memorisation.ts';
import { featuresOf, memorisationFigure } from '../../../models/eval/memorisation.node.ts';
import { generateSamples } from '../../../models/eval/sampling.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

const models = path.resolve(import.meta.dirname, '../../../models');
const TRAIN = 3000;
const N = 200;

let classifier: tfl.LayersModel;
let train: MnistSet;
let test: MnistSet;
let trainFeatures: Float32Array;
let testPixels: Float32Array;
let testFeatures: Float32Array;

beforeAll(async () => {
  await useBackend('wasm'); // the project's evaluation backend; the CPU one takes minutes here
  classifier = await loadLayersModelFromDir(path.join(models, 'classifier', 'artifact'));
  train = loadMnist('train', { limit: TRAIN });
  test = loadMnist('test', { limit: N });
  trainFeatures = await featuresOf(classifier, train.images);
  testPixels = test.images;
  testFeatures = await featuresOf(classifier, testPixels);
}, 120_000);

async function check(generated: Float32Array) {
  return memorisationCheck(
    {
      generated: { pixels: generated, features: await featuresOf(classifier, generated) },
      test: { pixels: testPixels, features: testFeatures },
      train: { pixels: train.images, features: trainFeatures },
      featureDim: FEATURE_DIM,
    },
    1024,
  );
}

describe('nearestNeighbours', () => {
  it('matches a brute-force search across chunk boundaries, with no tensors left behind', async () => {
    const rng = seedrandom('nn');
    const dim = 5;
    const refs = Float32Array.from({ length: 37 * dim }, () => rng());
    const queries = Float32Array.from({ length: 9 * dim }, () => rng());
    const before = tf.memory().numTensors;
    const { distances, indices } = await nearestNeighbours(queries, refs, dim, 8);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 9; i++) {
      let best = Infinity;
      let arg = -1;
      for (let j = 0; j < 37; j++) {
        let d = 0;
        for (let k = 0; k < dim; k++) d += (queries[i * dim + k]! - refs[j * dim + k]!) ** 2;
        if (d < best) [best, arg] = [d, j];
      }
      expect(indices[i]).toBe(arg);
      expect(distances[i]).toBeCloseTo(Math.sqrt(best), 5);
    }
  });

  it('finds an exact copy at distance ~0', async () => {
    const refs = Float32Array.from({ length: 4 * 3 }, (_, i) => i * 0.37);
    const { distances, indices } = await nearestNeighbours(refs.slice(6, 9), refs, 3);
    expect(indices[0]).toBe(2);
    expect(distances[0]).toBe(0);
  });

  it('names the sizes when the arrays do not fit dim', async () => {
    await expect(nearestNeighbours(new Float32Array(7), new Float32Array(9), 3)).rejects.toThrow(/multiples of dim 3/);
  });
});

describe('the verdict rule', () => {
  it('counts samples below the test percentiles and flags above 5 %', () => {
    const test = Float32Array.from({ length: 101 }, (_, i) => 1 + i / 100); // p1 = 1.01, median 1.5
    expect(quantile(Float32Array.from(test).sort(), 0.01)).toBeCloseTo(1.01, 6);
    const likeTest = compareDistances(test, test);
    expect(likeTest.fractionBelowTestP1).toBeCloseTo(1 / 101, 6);
    expect(likeTest.medianRatio).toBeCloseTo(1, 6);
    expect(likeTest.flagged).toBe(false);
    const someCopies = Float32Array.from(test, (d, i) => (i % 10 === 0 ? 0 : d));
    const verdict = compareDistances(someCopies, test);
    expect(verdict.nearExactCopies).toBe(11);
    expect(verdict.flagged).toBe(true);
  });

  it('the figure shows the closest samples first, then the first others', () => {
    expect(figureSelection(Float32Array.from([5, 1, 4, 0, 3]), 2, 2)).toEqual([3, 1, 0, 2]);
  });
});

describe('memorisationCheck on MNIST', () => {
  it('flags a "generator" that returns training images', async () => {
    const rng = seedrandom('copier');
    const copies = new Float32Array(N * 784);
    for (let i = 0; i < N; i++) {
      const k = Math.floor(rng() * TRAIN);
      copies.set(train.images.subarray(k * 784, (k + 1) * 784), i * 784);
    }
    const r = await check(copies);
    expect(r.copying).toBe(true);
    expect(r.pixels.fractionBelowTestP1).toBeGreaterThan(0.95);
    expect(r.features.fractionBelowTestP1).toBeGreaterThan(0.95);
    expect(r.pixels.nearExactCopies).toBe(N);
  });

  it('passes the shipped dcgan, and flags it once one sample in ten is a training image', async () => {
    const dir = path.join(models, 'dcgan', 'artifact');
    const generator = await loadLayersModelFromDir(dir);
    const latentDim = generator.inputs[0]!.shape[1]!;
    const samples = await generateSamples(generator, latentDim, N, 0);
    generator.dispose();
    const honest = await check(samples);
    expect(honest.copying).toBe(false);
    expect(honest.pixels.medianRatio).toBeGreaterThan(0.8);

    const mixed = samples.slice();
    for (let i = 0; i < N; i += 10) mixed.set(train.images.subarray(i * 784, (i + 1) * 784), i * 784);
    const partial = await check(mixed);
    expect(partial.copying).toBe(true);
    expect(partial.pixels.nearExactCopies).toBe(N / 10);

    const { png, shown } = memorisationFigure(mixed, train.images, partial);
    expect(shown.slice(0, 12).every((i) => i % 10 === 0)).toBe(true); // the copies come first
    expect(Buffer.from(png.subarray(1, 4)).toString('ascii')).toBe('PNG');
  }, 60_000);
});
