/**
 * The one way to build a generator's inputs, used by the trainer, exporter, eval tool and the
 * page's worker alike, so a seed and a label give the same picture everywhere.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Inputs in the model's input order: z and, when `labels` are given (class-conditional
 * generator), their one-hot encoding. Both float32. Call inside `tf.tidy` (the int32 label
 * tensor is an intermediate).
 * @param latents z, row-major [n, latentDim] (e.g. from `sampleLatents`)
 * @param labels one class index per row, in 0..numClasses-1
 * @returns z [n, latentDim], or [z, one-hot label [n, numClasses]]
 */
export function generatorInputs(
  latents: Float32Array,
  latentDim: number,
  labels?: ArrayLike<number>,
  numClasses = 10,
): tf.Tensor2D | [tf.Tensor2D, tf.Tensor2D] {
  const n = latents.length / latentDim;
  if (!Number.isInteger(n)) throw new Error(`generatorInputs: ${latents.length} latent values do not fill rows of ${latentDim}`);
  const z = tf.tensor2d(latents, [n, latentDim], 'float32');
  if (labels === undefined) return z;
  if (labels.length !== n) throw new Error(`generatorInputs: ${labels.length} labels for ${n} latents`);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), numClasses), 'float32') as tf.Tensor2D;
  return [z, oneHot];
}
