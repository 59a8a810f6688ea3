/** The step-time benchmark frees everything it builds, the generator weight average included. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPreset } from '../../../models/gan/presets.ts';
import { measureStepTime } from '../../../models/gan/training/step-time.node.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('measureStepTime', () => {
  it('returns seconds per step and leaves no tensor or variable behind (dcgan-tiny keeps a weight average)', async () => {
    expect(getPreset('dcgan-tiny').generatorAverageDecay).toBeDefined();
    await measureStepTime('dcgan-tiny', 'cpu', 1, 4); // first call: kernels and gradients registered once
    const before = tf.memory().numTensors;
    const seconds = await measureStepTime('dcgan-tiny', 'cpu', 2, 4);
    expect(seconds).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('times every shipped preset, the sub-clustered cgan with its (label, group) conditions included', async () => {
    for (const model of ['dcgan', 'cgan']) {
      const before = tf.memory().numTensors;
      expect(await measureStepTime(model, 'cpu', 1, 2)).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
    }
  }, 120_000);
});
