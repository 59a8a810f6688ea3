/**
 * The images an evaluation compares: seeded generator samples, picked real images, classifier
 * outputs on them, and an untrained copy of a generator (the bad baseline). Isomorphic.
 */
import seedrandom from 'seedrandom';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { MnistSet } from '../data/mnist.node.ts';
import { classifyWithFeatures } from '../classifier/model.ts';
import { codeOf } from '../gan/architectures.ts';
import { generatorInputs } from '../gan/generator-inputs.ts';
import { sampleLatents } from '../gan/latent.ts';

const PIXELS = 784;

/** Classifier features and predictions of images in [-1, 1], row-major [n, 784]. */
export async function classify(
  classifier: tfl.LayersModel,
  images: Float32Array,
  n: number,
): Promise<{ predictions: Int32Array; features: Float32Array }> {
  const x = tf.tensor4d(images, [n, 28, 28, 1]);
  try {
    return await classifyWithFeatures(classifier, x);
  } finally {
    x.dispose();
  }
}

/** `count` distinct indices of [0, n), seeded (partial Fisher–Yates). */
export function sampleIndices(n: number, count: number, seed: string): Int32Array {
  const rng = seedrandom(seed);
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, count);
}

/** The images of `set` at `indices`, [indices.length, 784] in [-1, 1]. */
export function pick(set: MnistSet, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  indices.forEach((k, i) => out.set(set.images.subarray(k * PIXELS, (k + 1) * PIXELS), i * PIXELS));
  return out;
}

/** Runs a generator over seeded latents (and labels) in batches; returns [n, 784] in [-1, 1]. */
export async function generateSamples(
  generator: tfl.LayersModel,
  latentDim: number,
  n: number,
  seed: number,
  labels?: Int32Array,
): Promise<Float32Array> {
  const z = sampleLatents(seed, n, latentDim);
  const out = new Float32Array(n * PIXELS);
  const batch = 500;
  for (let s = 0; s < n; s += batch) {
    const b = Math.min(batch, n - s);
    const y = tf.tidy(() => {
      const inputs = generatorInputs(z.subarray(s * latentDim, (s + b) * latentDim), latentDim, labels?.subarray(s, s + b));
      return tf.clipByValue(generator.predict(inputs) as tf.Tensor, -1, 1);
    });
    out.set(await y.data(), s * PIXELS);
    y.dispose();
  }
  return out;
}

/** Code value per latent, as the model's "code" layer reads it (`codeOf` of the GAN library). */
export function codesOf(z: Float32Array, latentDim: number, k: number, offsets: readonly number[] | undefined): Int32Array {
  const codes = tf.tidy(() => tf.argMax(codeOf(tf.tensor2d(z, [z.length / latentDim, latentDim]), k, offsets), 1));
  const values = codes.dataSync() as Int32Array;
  codes.dispose();
  return values;
}

/**
 * A copy of a layers topology in which every unseeded config (`seed: null`: initialisers, dropout)
 * gets seeds seed·1000 + 1, 2, 3, … in document order, so the untrained baseline is the same
 * network on every run.
 */
export function seedInitializers(topology: unknown, seed: number): unknown {
  let next = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    if ('seed' in out && out['seed'] === null) out['seed'] = seed * 1000 + ++next; // from 1: TF.js treats seed 0 as no seed
    return out;
  };
  return walk(topology);
}

/** The generator's topology with fresh, seeded initial weights: the untrained baseline. */
export async function untrainedCopy(generator: tfl.LayersModel, seed: number): Promise<tfl.LayersModel> {
  const topology = seedInitializers(generator.toJSON(null, false), seed) as Parameters<typeof tfl.models.modelFromJSON>[0];
  return tfl.models.modelFromJSON(topology);
}
