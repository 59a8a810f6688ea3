/**
 * What the playground's presets show, pinned in Node with the library's train step and losses
 * (models/gan/toy-run.ts), deterministic with a fixed seed, on the WASM backend:
 * the non-saturating loss covers the ring, the collapse preset does not, and the saturating
 * generator loss has a vanishing gradient where D confidently rejects the fakes.
 * The step budgets and counts are the article's claims (TOY_CLAIMS in models/gan/toy-presets.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nonSaturatingGeneratorLoss, saturatingGeneratorLoss } from '../../../models/gan/losses.ts';
import { presetConfig, TOY_CLAIMS } from '../../../models/gan/toy-presets.ts';
import { ToyRun } from '../../../models/gan/toy-run.ts';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';

const CLAIMS = TOY_CLAIMS;

beforeAll(async () => {
  // As in the page: the WASM backend with the faster kernels (or cpu), and registered gradients.
  await useBackend('wasm');
});

function trainTo(run: ToyRun, steps: number, checkEvery = 250): number[] {
  const tensors: number[] = [];
  for (let s = 1; s <= steps; s++) {
    run.train();
    if (s % checkEvery === 0) {
      run.frame();
      tensors.push(tf.memory().numTensors);
    }
  }
  return tensors;
}

describe('playground presets (Node, WASM, seed 1)', () => {
  it(`non-saturating on the ring covers at least ${CLAIMS.convergeMinModes} of 8 modes by step ${CLAIMS.convergeSteps}, with flat tensor counts`, () => {
    const { config, runs } = presetConfig('ring-converge');
    const run = new ToyRun(config, runs[0]!);
    const before = run.frame().covered;
    const tensors = trainTo(run, CLAIMS.convergeSteps);
    const frame = run.frame();
    expect(before).toBeLessThanOrEqual(1);
    expect(frame.covered).toBeGreaterThanOrEqual(CLAIMS.convergeMinModes);
    expect(run.diverged).toBe(false);
    expect(new Set(tensors).size, `numTensors per check: ${tensors.join(', ')}`).toBe(1);
    run.dispose();
  }, 300_000);

  it(`the collapse preset covers at most ${CLAIMS.collapseMaxModes} of 8 modes at step ${CLAIMS.collapseSteps}`, () => {
    const { config, runs } = presetConfig('ring-collapse');
    const run = new ToyRun(config, runs[0]!);
    trainTo(run, CLAIMS.collapseSteps);
    expect(run.frame().covered).toBeLessThanOrEqual(CLAIMS.collapseMaxModes);
    run.dispose();
  }, 300_000);

  it('the same seed gives the same run; another seed another', () => {
    const { config, runs } = presetConfig('ring-converge');
    const samplesAfter = (seed: number) => {
      const run = new ToyRun({ ...config, seed }, runs[0]!);
      trainTo(run, 30, 30);
      const out = run.frame().samples;
      run.dispose();
      return out;
    };
    const a = samplesAfter(5);
    expect(samplesAfter(5)).toEqual(a);
    expect(samplesAfter(6)).not.toEqual(a);
  }, 120_000);
});

describe('saturating versus non-saturating generator loss', () => {
  it('on logits of a confident D, the saturating gradient is over 100 times smaller', () => {
    const logits = tf.tensor2d([-6, -5, -7, -6.5], [4, 1]);
    const grad = (loss: (l: tf.Tensor) => tf.Scalar) => tf.tidy(() => tf.mean(tf.abs(tf.grad(loss)(logits))).dataSync()[0]!);
    const saturating = grad(saturatingGeneratorLoss);
    const nonSaturating = grad(nonSaturatingGeneratorLoss);
    expect(nonSaturating / saturating).toBeGreaterThan(CLAIMS.logitGradientRatio);
    logits.dispose();
  });

  it('after 300 D-only steps on the ring, the saturating field on the generated points is much weaker', () => {
    const { config } = presetConfig('ring-converge');
    // Both runs share the seed, batches and D loss, so their discriminators stay identical.
    const saturating = new ToyRun(config, { loss: 'minimax' });
    const nonSaturating = new ToyRun(config, { loss: 'non-saturating' });
    for (let i = 0; i < 300; i++) {
      saturating.train('d');
      nonSaturating.train('d');
    }
    const strength = (run: ToyRun) => {
      const f = run.frame();
      const heatOnFakes = f.sampleField.length;
      let sum = 0;
      for (let i = 0; i < heatOnFakes / 2; i++) sum += Math.hypot(f.sampleField[2 * i]!, f.sampleField[2 * i + 1]!);
      return sum / (heatOnFakes / 2);
    };
    const ratio = strength(nonSaturating) / strength(saturating);
    expect(ratio).toBeGreaterThan(CLAIMS.fieldRatioAfterDOnly);
    saturating.dispose();
    nonSaturating.dispose();
  }, 120_000);
});
