/**
 * A training session: both networks, their optimisers, the seeded data and latent streams, and
 * the optional exponential moving average of the generator's weights (Yazıcı et al. 2019).
 * Isomorphic: TF.js and seedrandom only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';
import { buildGan, discriminatorSeesCode } from '../architectures.ts';
import { createNormalStream, type NormalStream } from '../latent.ts';
import { ganLoss } from '../losses.ts';
import type { GanPreset } from '../presets.ts';
import type { GanStepOptions } from '../train-step.ts';

/**
 * tf.train.adam whose learning rate can change between steps (Adam reads it on every update;
 * the field is protected in tfjs-core's typings).
 */
export class ScheduledAdam extends tf.AdamOptimizer {
  /** the rate the schedule scales */
  readonly baseLearningRate: number;
  constructor(learningRate: number, beta1: number) {
    super(learningRate, beta1, 0.999);
    this.baseLearningRate = learningRate;
  }
  get currentLearningRate(): number {
    return this.learningRate;
  }
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

/**
 * Factor on the base learning rates for the update that makes step `step + 1` of a run of
 * `targetSteps`: 1 before `startFraction · targetSteps`, then linear down to `finalFactor` on the last step.
 */
export function learningRateFactor(decay: GanPreset['learningRateDecay'], step: number, targetSteps: number): number {
  if (decay === undefined) return 1;
  const start = decay.startFraction * targetSteps;
  if (step < start || targetSteps <= start + 1) return 1;
  const t = Math.min(1, (step - start) / (targetSteps - 1 - start));
  return 1 + (decay.finalFactor - 1) * t;
}

/** Sets both optimisers' rates for the update after `step` (derived from the step alone, so a resumed run continues the schedule). */
export function applyLearningRateSchedule(s: Session, step: number, targetSteps: number): void {
  const f = learningRateFactor(s.preset.learningRateDecay, step, targetSteps);
  s.gOpt.setLearningRate(s.gOpt.baseLearningRate * f);
  s.dOpt.setLearningRate(s.dOpt.baseLearningRate * f);
}

export interface Session {
  preset: GanPreset;
  generator: tfl.LayersModel;
  discriminator: tfl.LayersModel;
  gOpt: ScheduledAdam;
  dOpt: ScheduledAdam;
  dataRng: seedrandom.StatefulPRNG<seedrandom.State.Arc4>;
  latents: NormalStream;
  /** exponential moving average of all generator weights (Yazıcı et al. 2019), if enabled */
  average?: { weights: tf.Variable[]; steps: number };
}

/** Variables holding copies of the generator's weights (tidy frees the clones they were made from). */
function averageVariables(generator: tfl.LayersModel): tf.Variable[] {
  return tf.tidy(() => generator.getWeights().map((w) => tf.variable(w.clone(), false)));
}

export function makeSession(preset: GanPreset, seed: number): Session {
  const { generator, discriminator } = buildGan(preset.architecture);
  return {
    preset,
    generator,
    discriminator,
    gOpt: new ScheduledAdam(preset.generatorLearningRate ?? preset.learningRate, preset.beta1),
    dOpt: new ScheduledAdam(preset.learningRate, preset.beta1),
    dataRng: seedrandom(`minimax-data:${seed}`, { state: true }),
    latents: createNormalStream(seed),
    ...(preset.generatorAverageDecay === undefined ? {} : { average: { weights: averageVariables(generator), steps: 0 } }),
  };
}

/**
 * Folds the generator's current weights into the moving average, with the usual warm-up
 * decay min(decay, (1 + t) / (10 + t)) so early weights do not dominate.
 */
export function updateAverage(s: Session): void {
  const avg = s.average;
  const decay = s.preset.generatorAverageDecay;
  if (avg === undefined || decay === undefined) return;
  const d = Math.min(decay, (1 + avg.steps) / (10 + avg.steps));
  const current = s.generator.getWeights();
  tf.tidy(() => avg.weights.forEach((w, i) => w.assign(tf.add(tf.mul(w, d), tf.mul(current[i] ?? w, 1 - d)))));
  avg.steps += 1;
}

/** The parts of the train step's options that a session and its preset fix (all but the batches). */
export function sessionStepOptions(s: Session): Omit<GanStepOptions, 'nextRealBatch' | 'nextLatentBatch'> {
  const arch = s.preset.architecture;
  return {
    generator: s.generator,
    discriminator: s.discriminator,
    loss: ganLoss(s.preset.loss, s.preset.realLabel),
    generatorOptimizer: s.gOpt,
    discriminatorOptimizer: s.dOpt,
    discriminatorSteps: s.preset.discriminatorSteps,
    ...(s.preset.codeLossWeight === undefined ? {} : { codeLossWeight: s.preset.codeLossWeight }),
    ...(discriminatorSeesCode(arch) ? { discriminatorSeesCode: true } : {}),
  };
}

/** Frees every tensor and variable a session holds (networks, optimisers, weight average). */
export function disposeSession(s: Session): void {
  s.generator.dispose();
  s.discriminator.dispose();
  s.gOpt.dispose();
  s.dOpt.dispose();
  tf.dispose(s.average?.weights ?? []);
}
