/** A run whose losses turn NaN is marked diverged and stops training (the page then offers a reset). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, expect, it } from 'vitest';
import { presetConfig } from '../../../models/gan/toy-presets.ts';
import { ToyRun } from '../../../models/gan/toy-run.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('a NaN weight in D makes the next step diverge, and later steps do nothing', () => {
  const { config, runs } = presetConfig('ring-converge');
  const run = new ToyRun({ ...config, generatorUnits: 8, discriminatorUnits: 8, batch: 16 }, runs[0]!);
  run.train();
  expect(run.diverged).toBe(false);
  const poisoned = run.discriminator.getWeights().map((w, i) => (i === 0 ? tf.fill(w.shape, Number.NaN) : w.clone()));
  run.discriminator.setWeights(poisoned);
  tf.dispose(poisoned);
  run.train();
  expect(run.diverged).toBe(true);
  const step = run.step;
  run.train();
  expect(run.step).toBe(step);
  run.dispose();
});
