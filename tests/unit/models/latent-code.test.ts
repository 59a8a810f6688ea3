/**
 * Categorical codes read off Gaussian latents (InfoGAN and self-conditioned models): the argmax
 * prior and its offsets, the k-means clusters that a self-conditioned model draws, and the
 * builders and train step wiring on the CPU backend.
 */
import '@tensorflow/tfjs-backend-cpu';
import '../../../models/tfjs-node/gradients.node.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterImages, clusterWithinClasses, loadOrClusterImages } from '../../../models/data/clusters.node.ts';
import { loadMnist } from '../../../models/data/mnist.node.ts';
import {
  buildConvDiscriminator,
  buildConvGenerator,
  codeOf,
  subClusterConditionOf,
  type ConvGanConfig,
} from '../../../models/gan/architectures.ts';
import { argmaxOffsets, argmaxProbabilities, normalCdf } from '../../../models/gan/code-prior.ts';
import { sampleLatents } from '../../../models/gan/latent.ts';
import { ganLoss } from '../../../models/gan/losses.ts';
import { getPreset } from '../../../models/gan/presets.ts';
import { ganTrainStep } from '../../../models/gan/train-step.ts';
import { latentBatch, makeDataSource } from '../../../models/gan/training/batches.ts';
import { disposeSession, makeSession, sessionStepOptions } from '../../../models/gan/training/session.ts';
import { withClusters } from '../../../models/gan/training/clusters.node.ts';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimax-code-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('argmax prior', () => {
  it('Φ matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('zero offsets give a uniform code; fitted offsets give the requested probabilities, also by sampling', () => {
    argmaxProbabilities([0, 0, 0, 0, 0]).forEach((p) => expect(p).toBeCloseTo(0.2, 6));
    const target = [0.1, 0.2, 0.3, 0.4];
    const b = argmaxOffsets(target);
    argmaxProbabilities(b).forEach((p, k) => expect(p).toBeCloseTo(target[k] ?? 0, 5));
    // 40,000 seeded draws of z ~ N(0, I_4): argmax(z + b) lands on k with frequency ≈ target[k].
    const n = 40_000;
    const z = sampleLatents(3, n, 4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = [0, 1, 2, 3].map((k) => (z[4 * i + k] ?? 0) + (b[k] ?? 0));
      counts[v.indexOf(Math.max(...v))]! += 1;
    }
    counts.forEach((c, k) => expect(Math.abs(c / n - (target[k] ?? 0))).toBeLessThan(0.01));
    expect(() => argmaxOffsets([0.5, 0, 0.5])).toThrow(RangeError);
  });
});

describe('clusters', () => {
  // Two kinds of image: a bright left half or a bright right half, with a little noise.
  const n = 60;
  const images = new Float32Array(n * 784);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < 784; p++) images[i * 784 + p] = (p % 28 < 14 === (i % 2 === 0) ? 1 : -1) + 0.1 * Math.sin(i * 7 + p);

  it('k-means separates the two kinds, and the same seed gives the same clusters', () => {
    const a = clusterImages(images, n, 2, 5);
    const b = clusterImages(images, n, 2, 5);
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
    const even = new Set(Array.from(a.assignments).filter((_, i) => i % 2 === 0));
    const odd = new Set(Array.from(a.assignments).filter((_, i) => i % 2 === 1));
    expect(even.size).toBe(1);
    expect(odd.size).toBe(1);
    expect([...even][0]).not.toBe([...odd][0]);
    expect(a.sizes).toEqual([30, 30]);
    expect(() => clusterImages(images, n, 1, 5)).toThrow(RangeError);
    expect(() => clusterImages(images, 3, 4, 5)).toThrow(/cannot fill/);
  });

  it('are cached in the run directory and reused only when k, seed and count match', () => {
    const file = path.join(dir, 'clusters.json');
    const first = loadOrClusterImages(file, images, n, 2, 5);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { k: number; assignments: string };
    expect(cached.k).toBe(2);
    expect(Array.from(loadOrClusterImages(file, new Float32Array(n * 784), n, 2, 5).assignments)).toEqual(Array.from(first.assignments)); // from the cache
    expect(loadOrClusterImages(file, images, n, 3, 5).k).toBe(3); // recomputed
  });

  it('the self-conditioned dcgan preset gets code offsets that draw each cluster as often as it holds images', () => {
    const mnist = loadMnist('train', { limit: 600 });
    const { preset, clusters } = withClusters(getPreset('dcgan'), path.join(dir, 'run'), 1, mnist);
    if (clusters === undefined || preset.architecture.kind !== 'conv') throw new Error('clusters expected');
    expect(clusters.count).toBe(600);
    expect(clusters.sizes.reduce((a, b) => a + b, 0)).toBe(600);
    const offsets = preset.architecture.codeOffsets ?? [];
    expect(offsets).toHaveLength(100); // the shipped dcgan's 100 clusters
    argmaxProbabilities(offsets).forEach((p, k) => expect(p).toBeCloseTo((clusters.sizes[k] ?? 0) / 600, 4));
    expect(withClusters(getPreset('dcgan-plain'), dir, 1, mnist).clusters).toBeUndefined();
  });
});

describe('self-conditioned pair', () => {
  const cfg: ConvGanConfig = {
    kind: 'conv',
    latentDim: 11,
    baseFilters: 4,
    kernelSize: 4,
    batchNorm: true,
    categoricalCode: 3,
    codeOffsets: [0.5, 0, -0.5],
    codeConditionsDiscriminator: true,
  };

  it('G takes z alone and reads the code with its offsets; D takes [image, code]', () => {
    const g = buildConvGenerator(cfg);
    const d = buildConvDiscriminator(cfg);
    expect(g.inputs.map((i) => i.shape)).toEqual([[null, 11]]);
    expect(d.inputs.map((i) => i.shape)).toEqual([
      [null, 28, 28, 1],
      [null, 3],
    ]);
    const codeModel = tfl.model({ inputs: g.inputs, outputs: g.getLayer('code').output as tfl.SymbolicTensor });
    tf.tidy(() => {
      // tails [0, 0.3, 0.2] + offsets = [0.5, 0.3, -0.3] -> 0; [-1, 0, 0.9] + offsets = [-0.5, 0, 0.4] -> 2
      const z = tf.concat(
        [
          tf.zeros([2, 8]),
          tf.tensor2d([
            [0, 0.3, 0.2],
            [-1, 0, 0.9],
          ]),
        ],
        1,
      ) as tf.Tensor2D;
      expect(codeOf(z, 3, cfg.codeOffsets).arraySync()).toEqual([
        [1, 0, 0],
        [0, 0, 1],
      ]);
      expect(tf.round(codeModel.predict(z) as tf.Tensor).arraySync()).toEqual([
        [1, 0, 0],
        [0, 0, 1],
      ]);
      expect((d.predict([g.predict(z) as tf.Tensor, codeOf(z, 3, cfg.codeOffsets)]) as tf.Tensor).shape).toEqual([2, 1]);
    });
    g.dispose();
    d.dispose();
  });

  it('trains with D conditioned on clusters (real) and codes (generated), without leaking tensors', () => {
    const generator = buildConvGenerator(cfg);
    const discriminator = buildConvDiscriminator(cfg);
    const oneHot = (k: number[]) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(k, 'int32'), 3), 'float32')) as tf.Tensor2D;
    const o = {
      generator,
      discriminator,
      loss: ganLoss('non-saturating', 0.9),
      generatorOptimizer: tf.train.adam(2e-4, 0.5),
      discriminatorOptimizer: tf.train.adam(2e-4, 0.5),
      discriminatorSteps: 1,
      discriminatorSeesCode: true,
      nextRealBatch: () => ({ data: tf.randomUniform([4, 28, 28, 1], -1, 1), labels: oneHot([0, 1, 2, 0]) }),
      nextLatentBatch: () => {
        const z = tf.randomNormal([4, 11]) as tf.Tensor2D;
        return { z, code: codeOf(z, 3, cfg.codeOffsets) };
      },
    };
    ganTrainStep(o);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const l = ganTrainStep(o);
      expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
    // Without the code, the conditional D has no second input: the step must fail loudly.
    expect(() => ganTrainStep({ ...o, discriminatorSeesCode: false })).toThrow();
    generator.dispose();
    discriminator.dispose();
    o.generatorOptimizer.dispose();
    o.discriminatorOptimizer.dispose();
  });
});

describe('sub-clustered conditional pair', () => {
  const cfg: ConvGanConfig = {
    kind: 'conv',
    latentDim: 10,
    baseFilters: 4,
    kernelSize: 4,
    batchNorm: true,
    numClasses: 2,
    subClusters: 3,
    subClusterOffsets: [
      [0.5, 0, -0.5],
      [-0.5, 0, 0.5],
    ],
  };
  const oneHot = (k: number[], n: number) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(k, 'int32'), n), 'float32')) as tf.Tensor2D;

  it('clusters within each class: fine id = class · S + group, and every class fills its S groups', () => {
    // Two classes (even, odd images), each with two kinds: bright left or bright right half.
    const n = 80;
    const images = new Float32Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      const left = i % 4 < 2;
      for (let p = 0; p < 784; p++) images[i * 784 + p] = (p % 28 < 14 === left ? 1 : -1) + 0.1 * Math.sin(i * 7 + p);
    }
    const c = clusterWithinClasses(images, labels, n, 2, 2, 5);
    expect(c.k).toBe(4);
    Array.from(c.assignments).forEach((f, i) => expect(Math.floor(f / 2)).toBe(labels[i]));
    expect(c.sizes).toEqual([20, 20, 20, 20]);
    // within a class, the two kinds land in different groups
    for (const cls of [0, 1]) {
      const groupOf = (left: boolean) => new Set(Array.from(c.assignments).filter((_, i) => labels[i] === cls && i % 4 < 2 === left));
      expect(groupOf(true).size).toBe(1);
      expect(groupOf(false).size).toBe(1);
      expect([...groupOf(true)][0]).not.toBe([...groupOf(false)][0]);
    }
    expect(() => clusterWithinClasses(images, labels, n, 2, 200, 5)).toThrow(RangeError);
  });

  it("G takes [z, label] and reads the group with the requested class's offsets; D takes [image, (class, group)]", () => {
    const g = buildConvGenerator(cfg);
    const d = buildConvDiscriminator(cfg);
    expect(g.inputs.map((i) => i.shape)).toEqual([
      [null, 10],
      [null, 2],
    ]);
    expect(d.inputs.map((i) => i.shape)).toEqual([
      [null, 28, 28, 1],
      [null, 6],
    ]);
    const codeModel = tfl.model({ inputs: g.inputs, outputs: g.getLayer('code').output as tfl.SymbolicTensor });
    tf.tidy(() => {
      // the same tail [0, 0.3, 0.2]: class 0 adds [0.5, 0, -0.5] -> group 0; class 1 adds [-0.5, 0, 0.5] -> group 2
      const z = tf.concat([tf.zeros([2, 7]), tf.tensor2d([0, 0.3, 0.2, 0, 0.3, 0.2], [2, 3])], 1) as tf.Tensor2D;
      const labels = oneHot([0, 1], 2);
      expect(tf.round(codeModel.predict([z, labels]) as tf.Tensor).arraySync()).toEqual([
        [1, 0, 0],
        [0, 0, 1],
      ]);
      // fine ids 0 · 3 + 0 and 1 · 3 + 2
      expect(subClusterConditionOf(z, labels, 3, cfg.subClusterOffsets).arraySync()).toEqual([
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1],
      ]);
      const condition = subClusterConditionOf(z, labels, 3, cfg.subClusterOffsets);
      expect((d.predict([g.predict([z, labels]) as tf.Tensor, condition]) as tf.Tensor).shape).toEqual([2, 1]);
    });
    g.dispose();
    d.dispose();
  });

  it('the cgan preset trains on MNIST with (digit, group) conditions, without leaking tensors', () => {
    const mnist = loadMnist('train', { limit: 400 });
    const { preset, clusters } = withClusters(getPreset('cgan'), path.join(dir, 'sub-run'), 1, mnist);
    if (clusters === undefined) throw new Error('sub-clusters expected');
    expect(clusters.k).toBe(100);
    Array.from(clusters.assignments).forEach((f, i) => expect(Math.floor(f / 10)).toBe(mnist.labels[i]));
    const offsets = preset.architecture.subClusterOffsets ?? [];
    expect(offsets).toHaveLength(10);
    offsets.forEach((row, c) => {
      const sizes = clusters.sizes.slice(c * 10, c * 10 + 10);
      const total = sizes.reduce((a, b) => a + b, 0);
      argmaxProbabilities(row).forEach((p, k) => expect(p).toBeCloseTo((sizes[k] ?? 0) / total, 4));
    });
    // the preset's wiring with narrow layers, so the CPU backend steps in milliseconds
    const session = makeSession({ ...preset, architecture: { ...preset.architecture, baseFilters: 2 } }, 1);
    const data = makeDataSource(session, mnist, clusters);
    const real = data.realBatch(8);
    expect(real.labels?.shape).toEqual([8, 100]);
    const latent = latentBatch(session, 8);
    expect(latent.labels?.shape).toEqual([8, 10]);
    // the condition of a generated image names its requested digit
    expect(tf.tidy(() => tf.floorDiv(tf.argMax(latent.code ?? tf.zeros([8, 100]), 1), 10).arraySync())).toEqual(
      tf.tidy(() => tf.argMax(latent.labels ?? tf.zeros([8, 10]), 1).arraySync()),
    );
    tf.dispose([real.data, real.labels, latent.z, latent.labels, latent.code]);
    const o = { ...sessionStepOptions(session), nextRealBatch: () => data.realBatch(4), nextLatentBatch: () => latentBatch(session, 4) };
    ganTrainStep(o);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const l = ganTrainStep(o);
      expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeSession(session);
  });
});
