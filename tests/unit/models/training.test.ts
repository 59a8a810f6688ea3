/**
 * The trainer end to end on a tiny conv GAN and a few hundred MNIST images (CPU backend):
 * losses move, checkpoint + resume continue the same run, a corrupt checkpoint is refused, the
 * CLI rejects bad input with a clear message and a non-zero exit; and export → reload.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGenerator, outputDifference, recalibrateBatchNorm } from '../../../models/export.node.ts';
import { buildConvGenerator, codeOf, type ConvGanConfig } from '../../../models/gan/architectures.ts';
import { fileSystemLoadHandler } from '../../../models/artifact/layers-io.node.ts';
import { UsageError } from '../../../models/cli.node.ts';
import { train } from '../../../models/gan/training.node.ts';
import { CheckpointError, loadGeneratorFromCheckpoint, readCheckpoint } from '../../../models/gan/training/checkpoint.node.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

const root = path.resolve(import.meta.dirname, '../../..');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimax-train-'));
  await useBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train (dcgan-tiny, batch 8 from 300 images, CPU)', () => {
  it('trains, checkpoints, resumes the same run, and refuses a corrupt checkpoint', { timeout: 120_000 }, async () => {
    const out = path.join(dir, 'run');
    const common = { model: 'dcgan-tiny', out, backend: 'cpu' as const, dataLimit: 300, progress: false, seed: 3, batch: 8 };
    const first = await train({ ...common, steps: 12 });
    expect(first.step).toBe(12);
    expect(first.losses).toHaveLength(12);
    const firstD = first.losses.slice(0, 3).map((l) => l.d);
    const lastD = first.losses.slice(-3).map((l) => l.d);
    expect(lastD).not.toEqual(firstD);
    expect(first.losses.every((l) => Number.isFinite(l.d) && Number.isFinite(l.g))).toBe(true);
    expect(readCheckpoint(path.join(out, 'checkpoint')).state.step).toBe(12);
    expect(existsSync(path.join(out, 'samples', 'step-000012.png'))).toBe(true);
    expect(existsSync(path.join(out, 'timeline', 'step-10', 'state.json'))).toBe(true);

    await expect(train({ ...common, steps: 16 })).rejects.toBeInstanceOf(UsageError);
    const resumed = await train({ ...common, steps: 16, resume: true });
    expect(resumed.step).toBe(16);
    expect(resumed.losses.map((l) => l.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(resumed.losses.slice(0, 12)).toEqual(first.losses);
    const log = JSON.parse(readFileSync(path.join(out, 'losses.json'), 'utf8')) as { losses: unknown[] };
    expect(log.losses).toHaveLength(16);

    // dcgan-tiny keeps a generator weight average (decay 0.9), saved and resumed with the run.
    const ckptState = readCheckpoint(path.join(out, 'checkpoint')).state;
    expect(ckptState.averageSteps).toBe(16);
    const averaged = loadGeneratorFromCheckpoint(path.join(out, 'checkpoint'), { average: true });
    expect(averaged.averaged).toBe(true);
    averaged.generator.dispose();
    const { generator } = loadGeneratorFromCheckpoint(path.join(out, 'checkpoint'));
    tf.tidy(() => {
      expect((generator.predict(tf.randomNormal([2, 8])) as tf.Tensor).shape).toEqual([2, 28, 28, 1]);
    });
    generator.dispose();

    // Flip one byte of the weights: the checksum catches it.
    const weights = path.join(out, 'checkpoint', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    writeFileSync(weights, bytes);
    await expect(train({ ...common, steps: 20, resume: true })).rejects.toBeInstanceOf(CheckpointError);
    expect(() => readCheckpoint(path.join(out, 'checkpoint'))).toThrow(/corrupt: weights.bin checksum mismatch/);
  });

  it('stops early on request with a checkpoint at the stopping step', { timeout: 60_000 }, async () => {
    const out = path.join(dir, 'stop');
    let calls = 0;
    const r = await train({
      model: 'dcgan-tiny',
      out,
      backend: 'cpu',
      dataLimit: 100,
      progress: false,
      batch: 8,
      steps: 50,
      shouldStop: () => ++calls >= 4,
    });
    expect(r.stopped).toBe(true);
    expect(r.step).toBe(4);
    expect(readCheckpoint(path.join(out, 'checkpoint')).state.step).toBe(4);
  });
});

describe('train CLI: bad input', () => {
  const run = (...args: string[]) =>
    spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['models/train.node.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('unknown model: usage and exit 2', () => {
    const r = run('stylegan');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown model "stylegan"');
    expect(r.stderr).toContain('models: dcgan, cgan');
  });

  it('bad flags: exit 2 with the reason', () => {
    const unknown = run('dcgan', '--stepz', '5');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--stepz'/);
    const bad = run('dcgan', '--steps', 'ten');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--steps must be a positive integer, got "ten"');
  });

  it('corrupt checkpoint: exit 1 with a clear message; missing one on --resume: exit 2', () => {
    const out = path.join(dir, 'corrupt');
    rmSync(out, { recursive: true, force: true });
    const ckpt = path.join(out, 'checkpoint');
    spawnSync('mkdir', ['-p', ckpt]);
    writeFileSync(path.join(ckpt, 'state.json'), '{ not json');
    writeFileSync(path.join(ckpt, 'weights.bin'), '');
    const r = run('dcgan-tiny', '--resume', '--out', out, '--backend', 'cpu');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is unreadable');
    const none = run('dcgan-tiny', '--resume', '--out', path.join(dir, 'empty'), '--backend', 'cpu');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no checkpoint');
  });
});

describe('export', () => {
  it(
    'float16 export reloads with stock tf.loadLayersModel within the quantisation error; float32 exactly',
    { timeout: 60_000 },
    async () => {
      const arch: ConvGanConfig = { kind: 'conv', latentDim: 8, baseFilters: 4, kernelSize: 4, batchNorm: true, numClasses: 10 };
      const generator = buildConvGenerator(arch);
      for (const q of ['float16', 'none'] as const) {
        const out = path.join(dir, `export-${q}`);
        const result = await exportGenerator(generator, arch, out, q);
        expect(result.quantization).toBe(q);
        expect(Object.keys(result.files).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
        const reloaded = await tfl.loadLayersModel(fileSystemLoadHandler(path.join(out, 'model.json')));
        const diff = await outputDifference(generator, reloaded, arch);
        if (q === 'none') expect(diff.max).toBe(0);
        else expect(diff.max).toBeLessThan(0.02);
        expect(diff.max).toBe(result.error.max);
        reloaded.dispose();
      }
      // Re-estimating batch-norm statistics moves the inference output towards the training-mode one.
      const z = tf.randomNormal([64, 8]);
      const labels = tf.cast(
        tf.oneHot(
          tf.tensor1d(
            Array.from({ length: 64 }, (_, i) => i % 10),
            'int32',
          ),
          10,
        ),
        'float32',
      );
      const gap = () =>
        tf.tidy(
          () =>
            tf
              .mean(
                tf.abs(tf.sub(generator.predict([z, labels]) as tf.Tensor, generator.apply([z, labels], { training: true }) as tf.Tensor)),
              )
              .dataSync()[0] ?? 0,
        );
      const before = gap();
      recalibrateBatchNorm(generator, arch, 20, 64);
      expect(gap()).toBeLessThan(before);
      tf.dispose([z, labels]);
      generator.dispose();
    },
  );

  it(
    'an InfoGAN generator keeps its fixed code layer through a float16 export: stock TF.js reads the same one-hot code',
    { timeout: 60_000 },
    async () => {
      const arch: ConvGanConfig = { kind: 'conv', latentDim: 14, baseFilters: 4, kernelSize: 4, batchNorm: true, categoricalCode: 10 };
      const generator = buildConvGenerator(arch);
      const out = path.join(dir, 'export-info');
      const result = await exportGenerator(generator, arch, out, 'float16');
      const reloaded = await tfl.loadLayersModel(fileSystemLoadHandler(path.join(out, 'model.json')));
      expect(reloaded.inputs.map((i) => i.shape)).toEqual([[null, 14]]);
      const codeModel = tfl.model({ inputs: reloaded.inputs, outputs: reloaded.getLayer('code').output as tfl.SymbolicTensor });
      const z = tf.randomNormal([256, 14], 0, 1, 'float32', 5) as tf.Tensor2D;
      const [code, expected] = tf.tidy(() => [tf.round(codeModel.predict(z) as tf.Tensor).arraySync(), codeOf(z, 10).arraySync()]);
      expect(code).toEqual(expected);
      expect(result.error.max).toBeLessThan(0.02);
      tf.dispose(z);
      reloaded.dispose();
      generator.dispose();
    },
  );
});
