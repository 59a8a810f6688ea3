/** A run whose losses turn NaN is marked diverged and stops training (the page then offers a reset). */
import { beforeAll, expect, it } from 'vitest';
import { presetConfig } from '../../../models/gan/toy-presets.ts';
import { ToyRun } from '../../../models/gan/toy-run.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

it('a NaN weight in D makes the next step diverge, and later steps do nothing', () => {
  const { config, runs } = presetConfig('ring-converge');
  const run = new ToyRun({ ...config, generatorUnits: 8, discriminatorUnits: 8, batch: 16 }, runs[0]!);
  run.train();
  expect(run.diverged).toBe(false);
  const values = run.discriminator.weightValues();
  values[0]!.fill(Number.NaN);
  run.discriminator.setWeightValues(values);
  run.train();
  expect(run.diverged).toBe(true);
  const step = run.step;
  run.train();
  expect(run.step).toBe(step);
  run.dispose();
});

it('losses are read in batches: a NaN found later still stops the run at the step that produced it', () => {
  const { config, runs } = presetConfig('ring-converge');
  const run = new ToyRun({ ...config, generatorUnits: 8, discriminatorUnits: 8, batch: 16 }, runs[0]!);
  for (let i = 0; i < 3; i++) run.train();
  expect(run.diverged).toBe(false);
  expect(run.history.map((h) => h.step)).toEqual([1, 2, 3]);
  const values = run.discriminator.weightValues();
  values[0]!.fill(Number.NaN);
  run.discriminator.setWeightValues(values);
  // Four more steps before anything reads their losses back.
  for (let i = 0; i < 4; i++) run.train();
  expect(run.diverged).toBe(true);
  expect(run.step).toBe(4);
  expect(run.history.map((h) => h.step)).toEqual([1, 2, 3, 4]);
  expect(Number.isNaN(run.history[3]!.d)).toBe(true);
  run.dispose();
});
