/**
 * The trainer's learning-rate decay (preset `learningRateDecay`): the factor by step, the
 * optimiser that takes a new rate between updates, and the session applying both networks' rates.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPreset } from '../../../models/gan/presets.ts';
import {
  applyLearningRateSchedule,
  disposeSession,
  learningRateFactor,
  makeSession,
  ScheduledAdam,
} from '../../../models/gan/training/session.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('learningRateFactor', () => {
  const decay = { startFraction: 0.5, finalFactor: 0 };
  it('is 1 without a decay and before its start, then linear to the final factor on the last step', () => {
    expect(learningRateFactor(undefined, 9_999, 10_000)).toBe(1);
    expect(learningRateFactor(decay, 0, 100)).toBe(1);
    expect(learningRateFactor(decay, 49, 100)).toBe(1);
    expect(learningRateFactor(decay, 50, 100)).toBe(1);
    expect(learningRateFactor(decay, 99, 100)).toBe(0);
    expect(learningRateFactor(decay, 150, 100)).toBe(0);
    expect(learningRateFactor({ startFraction: 0, finalFactor: 0.5 }, 50, 101)).toBeCloseTo(0.75, 12);
    const factors = Array.from({ length: 100 }, (_, s) => learningRateFactor(decay, s, 100));
    expect(factors.every((f, i) => i === 0 || f <= (factors[i - 1] ?? 1))).toBe(true);
  });
});

describe('ScheduledAdam', () => {
  it('updates with the rate set last, exactly as tf.train.adam at that rate', () => {
    const run = (opt: tf.Optimizer) => {
      const v = tf.variable(tf.tensor1d([1, -2, 3]));
      for (let i = 0; i < 3; i++) opt.minimize(() => tf.sum(tf.square(v)) as tf.Scalar);
      const out = Array.from(v.dataSync());
      v.dispose();
      opt.dispose();
      return out;
    };
    const scheduled = new ScheduledAdam(1e-3, 0.5);
    scheduled.setLearningRate(0.05);
    expect(scheduled.currentLearningRate).toBe(0.05);
    expect(scheduled.baseLearningRate).toBe(1e-3);
    const a = run(scheduled);
    const b = run(tf.train.adam(0.05, 0.5));
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i] ?? Number.NaN, 6));
  });
});

describe('applyLearningRateSchedule (cgan-ttur)', () => {
  it('scales the discriminator and generator rates from their own bases', () => {
    const preset = getPreset('cgan-ttur');
    const s = makeSession(preset, 1);
    const before = tf.memory().numTensors;
    applyLearningRateSchedule(s, 0, 7200);
    expect(s.dOpt.currentLearningRate).toBe(4e-4);
    expect(s.gOpt.currentLearningRate).toBe(2e-4);
    applyLearningRateSchedule(s, 5400, 7200);
    expect(s.dOpt.currentLearningRate).toBeCloseTo((4e-4 * 1799) / 3599, 12);
    expect(s.gOpt.currentLearningRate).toBeCloseTo((2e-4 * 1799) / 3599, 12);
    applyLearningRateSchedule(s, 7199, 7200);
    expect(s.dOpt.currentLearningRate).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    disposeSession(s);
  });
});
