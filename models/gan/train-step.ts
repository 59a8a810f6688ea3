/**
 * One alternating GAN training step, shared by the Node trainer and the in-page demos.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { clipWeights, gradientPenalty, type GanLoss } from './losses.ts';

/** Real data for one discriminator update; the step disposes these tensors. */
export interface RealBatch {
  /** [batch, ...dataShape], e.g. [batch, 28, 28, 1] in [-1, 1] */
  data: tf.Tensor;
  /** [batch, numClasses] one-hot; conditional models only */
  labels?: tf.Tensor2D;
}

/** Generator inputs for one update; the step disposes these tensors. */
export interface LatentBatch {
  /** [batch, latentDim] ~ N(0, 1) */
  z: tf.Tensor2D;
  /** [batch, numClasses] one-hot requested classes; conditional models only */
  labels?: tf.Tensor2D;
}

export interface GanStepOptions {
  readonly generator: tfl.LayersModel;
  readonly discriminator: tfl.LayersModel;
  readonly loss: GanLoss;
  readonly generatorOptimizer: tf.Optimizer;
  readonly discriminatorOptimizer: tf.Optimizer;
  /** k: discriminator updates per generator update (Goodfellow et al. 2014, Algorithm 1) */
  readonly discriminatorSteps: number;
  /** WGAN weight clipping bound c, applied after each critic update */
  readonly weightClip?: number;
  /** WGAN-GP penalty weight λ */
  readonly gradientPenaltyWeight?: number;
  /** fresh real data for each discriminator update */
  readonly nextRealBatch: () => RealBatch;
  /** fresh latents (and labels) for each update */
  readonly nextLatentBatch: () => LatentBatch;
}

/** Losses of one step, as plain numbers (the mean of the k discriminator losses). */
export interface StepLosses {
  d: number;
  g: number;
}

/** The trainable tf.Variables of a layers model, in `trainableWeights` order. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

function callModel(model: tfl.LayersModel, x: tf.Tensor, labels: tf.Tensor | undefined): tf.Tensor {
  return model.apply(labels === undefined ? x : [x, labels], { training: true }) as tf.Tensor;
}

// #region train-step
/**
 * One alternating step: k discriminator updates (generator fixed), then one generator
 * update (discriminator fixed). Each update differentiates only its own network's trainable
 * variables, so the other network's weights are untouched (the generator's batch-norm running
 * statistics do follow its forward passes: they are statistics, not trained parameters).
 * Every tensor created here, including the batches, is disposed before returning.
 */
export function ganTrainStep(o: GanStepOptions): StepLosses {
  const dVars = trainableVariables(o.discriminator);
  const gVars = trainableVariables(o.generator);
  let dTotal = 0;
  for (let i = 0; i < o.discriminatorSteps; i++) {
    const real = o.nextRealBatch();
    const latent = o.nextLatentBatch();
    // Conditional D sees real images with their labels and fakes with the requested labels.
    const fakeLabels = latent.labels;
    const cost = o.discriminatorOptimizer.minimize(
      () => {
        const fake = callModel(o.generator, latent.z, fakeLabels);
        const realOut = callModel(o.discriminator, real.data, real.labels);
        const fakeOut = callModel(o.discriminator, fake, fakeLabels);
        let loss = o.loss.discriminator(realOut, fakeOut);
        if (o.gradientPenaltyWeight !== undefined) {
          const eps = tf.randomUniform([real.data.shape[0] ?? 0], 0, 1) as tf.Tensor1D;
          // Labels for the interpolates: the real ones (fakes share them in a conditional pair).
          const critic = (x: tf.Tensor) => callModel(o.discriminator, x, real.labels);
          loss = tf.add(loss, gradientPenalty(critic, real.data, fake, eps, o.gradientPenaltyWeight));
        }
        return loss;
      },
      true,
      dVars,
    );
    dTotal += readScalar(cost);
    if (o.weightClip !== undefined) clipWeights(dVars, o.weightClip);
    disposeBatch(real, latent);
  }
  const latent = o.nextLatentBatch();
  const gCost = o.generatorOptimizer.minimize(
    () => {
      const fake = callModel(o.generator, latent.z, latent.labels);
      return o.loss.generator(callModel(o.discriminator, fake, latent.labels));
    },
    true,
    gVars,
  );
  const g = readScalar(gCost);
  disposeBatch(undefined, latent);
  return { d: dTotal / o.discriminatorSteps, g };
}
// #endregion train-step

function readScalar(t: tf.Scalar | null): number {
  if (t === null) throw new Error('optimizer returned no cost');
  const v = t.dataSync()[0] ?? Number.NaN;
  t.dispose();
  return v;
}

function disposeBatch(real: RealBatch | undefined, latent: LatentBatch): void {
  real?.data.dispose();
  real?.labels?.dispose();
  latent.z.dispose();
  latent.labels?.dispose();
}
