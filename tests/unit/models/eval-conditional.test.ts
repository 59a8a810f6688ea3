/**
 * The shipped conditional GAN, judged by the shipped classifier: samples asked
 * for digit d are mostly classified as d. A small, fast version of what
 * `npm run eval -- cgan` measures on 10,000 samples.
 */
import '@tensorflow/tfjs-backend-cpu';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir } from '../../../models/artifact/layers-io.node.ts';
import { classifyWithFeatures } from '../../../models/classifier/model.ts';
import { readGeneratorCard } from '../../../models/artifact/card.node.ts';
import { agreement, balancedLabels } from '../../../models/eval/histogram.ts';
import { generatorInputs } from '../../../models/gan/generator-inputs.ts';
import { sampleLatents } from '../../../models/gan/latent.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const cganDir = path.join(root, 'models/cgan/artifact');
const classifierDir = path.join(root, 'models/classifier/artifact');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Both artifacts are committed: a missing one fails this test (readGeneratorCard throws), never skips it.
describe('conditional GAN vs classifier', () => {
  it('samples are mostly classified as the requested digit (200 samples, 20 per digit)', async () => {
    const card = readGeneratorCard(cganDir);
    expect(card.conditional).toBe(true);
    const { latentDim } = card;
    const generator = await loadLayersModelFromDir(cganDir);
    const classifier = await loadLayersModelFromDir(classifierDir);
    const n = 200;
    const labels = balancedLabels(n);
    const images = tf.tidy(() => generator.predict(generatorInputs(sampleLatents(11, n, latentDim), latentDim, labels)) as tf.Tensor4D);
    expect(images.shape).toEqual([n, 28, 28, 1]);
    const { predictions } = await classifyWithFeatures(classifier, images);
    images.dispose();
    expect(agreement(labels, predictions)).toBeGreaterThanOrEqual(0.9);
  }, 120_000); // ~12 s on the pure-JS CPU backend while trainings share the cores
});
