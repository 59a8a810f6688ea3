/**
 * One alternating GAN training step, shared by the Node trainer and the in-page demos.
 */
import * as tf from '@tensorflow/tfjs-core';
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
  /**
   * [batch, K] one-hot categorical code carried by z (`codeOf`; InfoGAN and self-conditioned
   * models), or the (label, sub-cluster) condition of a sub-clustered conditional model (`subClusterConditionOf`)
   */
  code?: tf.Tensor2D;
}

/**
 * What the step trains: a tfjs-layers model (the Node trainer's conv GANs) or the playground's
 * plain-variable MLPs (mlp.ts). `apply` runs the forward pass (with `training: true`, so
 * batch-norm layers use batch statistics); `trainableWeights` are what the optimizer updates.
 */
export interface Network {
  // A discriminator must score each example independently of the rest of its batch.
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs: { training: boolean }): unknown;
  readonly trainableWeights: readonly { read(): tf.Tensor }[];
}

export interface GanStepOptions {
  readonly generator: Network;
  readonly discriminator: Network;
  readonly loss: GanLoss;
  readonly generatorOptimizer: tf.Optimizer;
  readonly discriminatorOptimizer: tf.Optimizer;
  /** k: discriminator updates per generator update (Goodfellow et al. 2014, Algorithm 1) */
  readonly discriminatorSteps: number;
  /** WGAN weight clipping bound c, applied after each critic update */
  readonly weightClip?: number;
  /** WGAN-GP penalty weight λ */
  readonly gradientPenaltyWeight?: number;
  /**
   * InfoGAN weight λ of the code loss: the cross-entropy of D's second output Q(c|G(z)) against
   * the code c in z, a lower bound on -I(c; G(z)) up to a constant (Chen et al. 2016). Both
   * networks minimise it alongside their GAN loss. Needs a discriminator with two outputs.
   */
  readonly codeLossWeight?: number;
  /**
   * Self-conditioned GAN: D sees generated images with the code in their z (`LatentBatch.code`)
   * and real images with their cluster (`RealBatch.labels`); the generator takes z alone (and
   * its label, for a sub-clustered conditional model).
   */
  readonly discriminatorSeesCode?: boolean;
  /**
   * WGAN-GP interpolation weights ε [batch] in [0, 1] for each critic update; default
   * `tf.randomUniform` (unseeded). A seeded source makes a run reproducible (the playground).
   */
  readonly nextEpsilon?: (batch: number) => tf.Tensor1D;
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

/** The trainable tf.Variables of a network, in `trainableWeights` order. */
export function trainableVariables(model: Network): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

function callModel(model: Network, x: tf.Tensor, labels: tf.Tensor | undefined): tf.Tensor {
  return model.apply(labels === undefined ? x : [x, labels], { training: true }) as tf.Tensor;
}

/** D's outputs: the score, and the code logits when D has a Q head. */
function callDiscriminator(model: Network, x: tf.Tensor, labels: tf.Tensor | undefined): { score: tf.Tensor; code?: tf.Tensor } {
  const out = model.apply(labels === undefined ? x : [x, labels], { training: true }) as tf.Tensor | tf.Tensor[];
  if (!Array.isArray(out)) return { score: out };
  const [score, code] = out;
  if (score === undefined) throw new Error('discriminator returned no outputs');
  return code === undefined ? { score } : { score, code };
}

/** What D is conditioned on for generated images: the requested label (cGAN), the code (self-conditioned), or nothing. */
function fakeCondition(o: GanStepOptions, latent: LatentBatch): tf.Tensor | undefined {
  return o.discriminatorSeesCode === true ? latent.code : latent.labels;
}

/**
 * D's scores of the real batch and of the fakes, from one forward pass over both (concatenated,
 * with their conditions): the discriminators here score each example on its own (no batch
 * normalisation), so the scores equal those of two passes, and one pass records half the kernels.
 */
function scoreBoth(
  o: GanStepOptions,
  real: RealBatch,
  fake: tf.Tensor,
  latent: LatentBatch,
): { real: tf.Tensor; fake: { score: tf.Tensor; code?: tf.Tensor } } {
  const n = real.data.shape[0] ?? 0;
  const realCondition = real.labels;
  const fakeConditionTensor = fakeCondition(o, latent);
  if ((realCondition === undefined) !== (fakeConditionTensor === undefined))
    throw new Error('a conditional discriminator needs a condition for the real batch and for the fakes');
  const condition =
    realCondition === undefined || fakeConditionTensor === undefined ? undefined : tf.concat([realCondition, fakeConditionTensor]);
  const out = callDiscriminator(o.discriminator, tf.concat([real.data, fake]), condition);
  const rest = (t: tf.Tensor) => tf.slice(t, [n, 0], [-1, -1]);
  const scores = { score: rest(out.score) };
  return { real: tf.slice(out.score, [0, 0], [n, -1]), fake: out.code === undefined ? scores : { ...scores, code: rest(out.code) } };
}

/** λ · cross-entropy of the code logits against the code; zero when the model has no code. */
function codeLoss(o: GanStepOptions, logits: tf.Tensor | undefined, code: tf.Tensor2D | undefined): tf.Scalar | undefined {
  if (o.codeLossWeight === undefined) return undefined;
  if (logits === undefined || code === undefined)
    throw new Error('codeLossWeight needs a discriminator with a code output and latents with a code');
  return tf.mul(o.codeLossWeight, tf.losses.softmaxCrossEntropy(code, logits)) as tf.Scalar;
}

// #region train-step
// #region discriminator-update
/**
 * One discriminator update on a fresh real batch and fresh fakes. Differentiates only the
 * discriminator's trainable variables, so the generator's weights are untouched (its
 * batch-norm running statistics do follow the forward pass: statistics, not parameters).
 * The fakes are made before the gradient tape starts: D's loss treats them as data. Real and
 * fake batches go through D together (`scoreBoth`).
 * @returns the discriminator loss, a scalar the caller disposes (`readLoss`); reading it waits
 *   for the backend, so a caller on a GPU reads many steps' losses at once
 */
export function discriminatorUpdate(o: GanStepOptions): tf.Scalar {
  const real = o.nextRealBatch();
  const latent = o.nextLatentBatch();
  const fake = tf.tidy(() => callModel(o.generator, latent.z, latent.labels));
  // A conditional D sees real images with their labels and fakes with the requested labels.
  const cost = o.discriminatorOptimizer.minimize(
    () => {
      const { real: realScore, fake: fakeOut } = scoreBoth(o, real, fake, latent);
      let loss = o.loss.discriminator(realScore, fakeOut.score);
      const info = codeLoss(o, fakeOut.code, latent.code);
      if (info !== undefined) loss = tf.add(loss, info);
      if (o.gradientPenaltyWeight !== undefined) {
        const batch = real.data.shape[0] ?? 0;
        const eps = o.nextEpsilon === undefined ? (tf.randomUniform([batch], 0, 1) as tf.Tensor1D) : o.nextEpsilon(batch);
        const critic = (x: tf.Tensor) => callDiscriminator(o.discriminator, x, real.labels).score;
        loss = tf.add(loss, gradientPenalty(critic, real.data, fake, eps, o.gradientPenaltyWeight));
      }
      return loss;
    },
    true,
    trainableVariables(o.discriminator),
  );
  if (o.weightClip !== undefined) clipWeights(trainableVariables(o.discriminator), o.weightClip);
  fake.dispose();
  disposeBatch(real, latent);
  return costOf(cost);
}
// #endregion discriminator-update

// #region generator-update
/**
 * One generator update against the current discriminator; differentiates only the
 * generator's trainable variables.
 * @returns the generator loss, a scalar the caller disposes (`readLoss`)
 */
export function generatorUpdate(o: GanStepOptions): tf.Scalar {
  const latent = o.nextLatentBatch();
  const cost = o.generatorOptimizer.minimize(
    () => {
      const fake = callModel(o.generator, latent.z, latent.labels);
      const out = callDiscriminator(o.discriminator, fake, fakeCondition(o, latent));
      const loss = o.loss.generator(out.score);
      const info = codeLoss(o, out.code, latent.code);
      return info === undefined ? loss : tf.add(loss, info);
    },
    true,
    trainableVariables(o.generator),
  );
  disposeBatch(undefined, latent);
  return costOf(cost);
}
// #endregion generator-update

// #region alternating-step
/**
 * One alternating step (Goodfellow et al. 2014, Algorithm 1): k discriminator updates, then
 * one generator update. Every tensor created here, including the batches, is disposed.
 * @returns the mean discriminator loss of the k updates and the generator loss
 */
export function ganTrainStep(o: GanStepOptions): StepLosses {
  let d = 0;
  for (let i = 0; i < o.discriminatorSteps; i++) d += readLoss(discriminatorUpdate(o));
  return { d: d / o.discriminatorSteps, g: readLoss(generatorUpdate(o)) };
}
// #endregion alternating-step
// #endregion train-step

function costOf(t: tf.Scalar | null): tf.Scalar {
  if (t === null) throw new Error('optimizer returned no cost');
  return t;
}

/** The value of a loss returned by an update; disposes it. */
export function readLoss(t: tf.Scalar): number {
  const v = t.dataSync()[0] ?? Number.NaN;
  t.dispose();
  return v;
}

function disposeBatch(real: RealBatch | undefined, latent: LatentBatch): void {
  real?.data.dispose();
  real?.labels?.dispose();
  latent.z.dispose();
  latent.labels?.dispose();
  latent.code?.dispose();
}
