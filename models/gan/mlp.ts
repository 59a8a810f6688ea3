/**
 * Multilayer perceptrons for the 2-D toys of the training playground, in plain tfjs-core
 * variables and ops (no tfjs-layers): the playground's worker then loads no layers code, and a
 * train step records only the matmuls, bias adds and activations themselves.
 *
 * An `Mlp` is a `Network` (train-step.ts), so the library's train step trains it exactly as it
 * trains the layers models of the Node trainer.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Hidden activations the MLPs accept. */
export type MlpActivation = 'relu' | 'tanh' | 'elu' | 'sigmoid';

/** MLP pair for 2-D toy data (GAN Lab style). */
export interface MlpGanConfig {
  readonly latentDim: number;
  readonly hiddenUnits: number;
  readonly hiddenLayers: number;
  /** dimension of a data point */
  readonly dataDim: number;
  /** hidden-layer activation; default 'relu' */
  readonly activation?: MlpActivation;
  /** seed of the Glorot-uniform kernel initialisers, so a run starts from the same weights everywhere */
  readonly seed?: number;
}

/** Seed offset of the discriminator's initialisers, so D never starts from G's weights. */
const DISCRIMINATOR_SEED_OFFSET = 1000;

/**
 * Dense layers `sizes[0] → sizes[1] → … → sizes[n]`: the activation after every hidden layer,
 * linear output. Weights are Glorot-uniform (limit √(6 / (fan-in + fan-out))), biases zero,
 * the same draws as tfjs-layers' `glorotUniform({ seed })` with seed `seed + layer index`.
 */
export class Mlp {
  /** [kernel 0, bias 0, kernel 1, bias 1, …] */
  readonly variables: readonly tf.Variable[];
  /** the `Network` view of `variables` (train-step.ts reads them through `read()`) */
  readonly trainableWeights: readonly { read(): tf.Tensor }[];
  readonly sizes: readonly number[];
  readonly activation: MlpActivation;

  constructor(sizes: readonly number[], activation: MlpActivation = 'relu', seed?: number) {
    if (sizes.length < 2) throw new Error(`an MLP needs an input and an output size, got [${sizes.join(', ')}]`);
    this.sizes = sizes;
    this.activation = activation;
    this.variables = tf.tidy(() =>
      sizes.slice(1).flatMap((units, i) => {
        const fanIn = sizes[i] ?? 0;
        const limit = Math.sqrt(6 / (fanIn + units));
        const kernel = tf.randomUniform([fanIn, units], -limit, limit, 'float32', seed === undefined ? undefined : seed + i);
        return [tf.variable(kernel, true), tf.variable(tf.zeros([units]), true)];
      }),
    );
    this.trainableWeights = this.variables.map((v) => ({ read: () => v }));
  }

  /** The forward pass on [batch, sizes[0]]; returns [batch, sizes[n]]. */
  apply(input: tf.Tensor | tf.Tensor[]): tf.Tensor2D {
    if (Array.isArray(input)) throw new Error('an MLP takes one input tensor');
    return this.#forward(input as tf.Tensor2D, false);
  }

  /**
   * The forward pass of plain numbers, [n · sizes[0]] → [n · sizes[last]], for drawing: outside
   * any gradient tape, so each layer is one fused matMul + bias + activation kernel.
   */
  run(input: Float32Array): Float32Array {
    const inDim = this.sizes[0] ?? 1;
    return tf.tidy(() => this.#forward(tf.tensor2d(input, [input.length / inDim, inDim]), true).dataSync() as Float32Array).slice();
  }

  /**
   * The layers. `fused`: one fused.matMul per layer (it has every activation here but tanh).
   * Not under a gradient tape: there fused.matMul records extra reshapes and copies for its custom
   * gradient, more kernels than it saves on these small layers, so training uses matMul and add.
   */
  #forward(input: tf.Tensor2D, fused: boolean): tf.Tensor2D {
    let h = input;
    const layers = this.variables.length / 2;
    for (let i = 0; i < layers; i++) {
      const b = this.variables[2 * i] as tf.Tensor2D;
      const bias = this.variables[2 * i + 1] as tf.Tensor1D;
      const activation = i < layers - 1 ? this.activation : 'linear';
      if (fused && activation !== 'tanh') h = tf.fused.matMul({ a: h, b, bias, activation }) as tf.Tensor2D;
      else {
        h = tf.add(tf.matMul(h, b), bias);
        if (activation !== 'linear') h = activate(h, activation);
      }
    }
    return h;
  }

  /** Copies of the current weights, in `variables` order. */
  weightValues(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  /** Overwrites the weights with values in `variables` order (e.g. a snapshot). */
  setWeightValues(values: readonly Float32Array[]): void {
    if (values.length !== this.variables.length) throw new Error(`expected ${this.variables.length} weight arrays, got ${values.length}`);
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.tensor(values[i] ?? new Float32Array(), v.shape))));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

function activate(x: tf.Tensor2D, activation: MlpActivation): tf.Tensor2D {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'tanh') return tf.tanh(x);
  if (activation === 'elu') return tf.elu(x);
  return tf.sigmoid(x);
}

/** z [batch, latentDim] → (dense hidden, activation) × L → dense dataDim (linear): [batch, dataDim]. */
export function buildMlpGenerator(cfg: MlpGanConfig): Mlp {
  return new Mlp([cfg.latentDim, ...Array<number>(cfg.hiddenLayers).fill(cfg.hiddenUnits), cfg.dataDim], cfg.activation, cfg.seed);
}

/** x [batch, dataDim] → (dense hidden, activation) × L → dense 1: raw scores [batch, 1]. */
export function buildMlpDiscriminator(cfg: MlpGanConfig): Mlp {
  return new Mlp(
    [cfg.dataDim, ...Array<number>(cfg.hiddenLayers).fill(cfg.hiddenUnits), 1],
    cfg.activation,
    cfg.seed === undefined ? undefined : cfg.seed + DISCRIMINATOR_SEED_OFFSET,
  );
}
