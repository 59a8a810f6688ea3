/**
 * The shipped conditional GAN, judged by the shipped classifier: samples asked
 * for digit d are mostly classified as d. A small, fast version of what
 * `npm run eval -- cgan` measures on 10,000 samples.
 */
import '@tensorflow/tfjs-backend-cpu';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir } from '../../../models/classifier/load.node';
import { classifyWithFeatures } from '../../../models/classifier/model';
import { readCard } from '../../../models/eval/card.node';
import { agreement, balancedLabels } from '../../../models/eval/histogram';
import { sampleLatents } from '../../../models/gan/latent';

const root = path.resolve(import.meta.dirname, '../../..');
const cganDir = path.join(root, 'models/cgan/artifact');
const classifierDir = path.join(root, 'models/classifier/artifact');
const ready = existsSync(path.join(cganDir, 'model.json')) && existsSync(path.join(classifierDir, 'model.json'));
const why = ready ? '' : ' (SKIPPED: models/cgan/artifact or models/classifier/artifact does not exist yet)';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!ready)(`conditional GAN vs classifier${why}`, () => {
  it('samples are mostly classified as the requested digit (200 samples, 20 per digit)', async () => {
    const card = readCard(cganDir);
    expect(card.conditional).toBe(true);
    const latentDim = Number(card.latentDim);
    const generator = await loadLayersModelFromDir(cganDir);
    const classifier = await loadLayersModelFromDir(classifierDir);
    const n = 200;
    const labels = balancedLabels(n);
    const images = tf.tidy(() => {
      const z = tf.tensor2d(sampleLatents(11, n, latentDim), [n, latentDim]);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      return generator.predict([z, y]) as tf.Tensor4D;
    });
    expect(images.shape).toEqual([n, 28, 28, 1]);
    const { predictions } = await classifyWithFeatures(classifier, images);
    images.dispose();
    expect(agreement(labels, predictions)).toBeGreaterThanOrEqual(0.9);
  }, 120_000); // ~12 s on the pure-JS CPU backend while trainings share the cores
});
