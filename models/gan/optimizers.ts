/**
 * Adam over all of a network's variables at once. `tf.train.adam` updates each variable with
 * about thirteen kernels of its own; for the playground's small MLPs the per-kernel overhead,
 * not the arithmetic, is the cost of a step. This optimizer concatenates the gradients into one
 * vector, runs the same update on it (Kingma & Ba 2015, Algorithm 1, in tf.train.adam's
 * arithmetic: m̂ / (√v̂ + ε)), and splits the result back: about 3 kernels per variable plus 17.
 */
import * as tf from '@tensorflow/tfjs-core';

/** tfjs-core's NamedTensor (not exported from its index). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

type Gradients = tf.NamedTensorMap | NamedTensor[];

export class ConcatenatedAdam extends tf.Optimizer {
  static get className(): string {
    return 'ConcatenatedAdam';
  }

  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  #m: tf.Variable | null = null;
  #v: tf.Variable | null = null;
  #names: string[] = [];

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super();
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon ?? tf.backend().epsilon();
  }

  override applyGradients(variableGradients: Gradients): void {
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const names = entries.map(([name]) => name);
    const variables = names.map((name) => {
      const v = tf.engine().registeredVariables[name];
      if (v === undefined) throw new Error(`ConcatenatedAdam: no variable named "${name}"`);
      return v;
    });
    if (this.#m === null) this.#names = names;
    else if (names.join('\u0000') !== this.#names.join('\u0000'))
      throw new Error('ConcatenatedAdam updates one fixed list of variables; it was given a different one');
    const t = this.iterations + 1;
    tf.tidy(() => {
      const flat = (ts: readonly tf.Tensor[]) => tf.concat(ts.map((x) => (x.rank === 1 ? x : tf.reshape(x, [-1]))));
      const g = flat(entries.map(([, tensor]) => tensor));
      this.#m ??= tf.variable(tf.zerosLike(g), false);
      this.#v ??= tf.variable(tf.zerosLike(g), false);
      const m = tf.add(tf.mul(this.#m, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.#v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.#m.assign(m);
      this.#v.assign(v);
      // Bias corrections 1 - β^t, computed once in float64 (tf.train.adam keeps β^t in a float32 variable).
      const mHat = tf.div(m, 1 - this.beta1 ** t);
      const vHat = tf.div(v, 1 - this.beta2 ** t);
      const update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      const next = tf.add(flat(variables), update);
      const parts = tf.split(
        next,
        variables.map((x) => x.size),
      );
      variables.forEach((x, i) => {
        const part = parts[i] as tf.Tensor;
        x.assign(x.rank === 1 ? part : tf.reshape(part, x.shape));
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    this.#m?.dispose();
    this.#v?.dispose();
    this.#m = null;
    this.#v = null;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
