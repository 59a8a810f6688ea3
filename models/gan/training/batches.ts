/**
 * The batches a training step consumes: real images (MNIST with labels or cluster ids) and latents (with sampled labels or the code read from z).
 * Isomorphic: TF.js only; MNIST and the clusters arrive already loaded.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Clusters } from '../../data/clusters.node.ts';
import type { MnistSet } from '../../data/mnist.node.ts';
import { codeOf, subClusterConditionOf } from '../architectures.ts';
import type { LatentBatch, RealBatch } from '../train-step.ts';
import type { Session } from './session.ts';

export interface DataSource {
  realBatch(batch: number): RealBatch;
}

/** Real batches from `mnist` (loaded once by `train`), with labels or clusters. */
export function makeDataSource(s: Session, mnist: MnistSet | undefined, clusters?: Clusters): DataSource {
  const arch = s.preset.architecture;
  if (mnist === undefined) throw new Error(`${s.preset.name}: MNIST data not loaded`);
  const pixels = mnist.height * mnist.width;
  const conditional = arch.numClasses !== undefined;
  // A self-conditioned model's real images carry their unsupervised cluster instead of a label;
  // a sub-clustered conditional model's carry the fine id label · S + group (clusterWithinClasses).
  const classes = clusters?.k ?? 10;
  const classOf = (k: number) => (clusters === undefined ? (mnist.labels[k] ?? 0) : (clusters.assignments[k] ?? 0));
  return {
    realBatch(batch) {
      const images = new Float32Array(batch * pixels);
      const labels = new Float32Array(batch * classes);
      for (let i = 0; i < batch; i++) {
        const k = Math.floor(s.dataRng.quick() * mnist.count);
        images.set(mnist.images.subarray(k * pixels, (k + 1) * pixels), i * pixels);
        labels[i * classes + classOf(k)] = 1;
      }
      const data = tf.tensor4d(images, [batch, mnist.height, mnist.width, 1]);
      return conditional || clusters !== undefined ? { data, labels: tf.tensor2d(labels, [batch, classes]) } : { data };
    },
  };
}

/** A batch of latents from the session's stream, with sampled labels or the code z carries. */
export function latentBatch(s: Session, batch: number): LatentBatch {
  const arch = s.preset.architecture;
  const z = tf.tensor2d(s.latents.fill(new Float32Array(batch * arch.latentDim)), [batch, arch.latentDim]);
  if (arch.categoricalCode !== undefined) return { z, code: codeOf(z, arch.categoricalCode, arch.codeOffsets) };
  if (arch.numClasses === undefined) return { z };
  const labels = new Float32Array(batch * arch.numClasses);
  for (let i = 0; i < batch; i++) labels[i * arch.numClasses + Math.floor(s.dataRng.quick() * arch.numClasses)] = 1;
  const labelTensor = tf.tensor2d(labels, [batch, arch.numClasses]);
  if (arch.subClusters === undefined) return { z, labels: labelTensor };
  return { z, labels: labelTensor, code: subClusterConditionOf(z, labelTensor, arch.subClusters, arch.subClusterOffsets) };
}
