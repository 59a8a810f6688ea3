import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { generatorInputs } from '../../models/gan/generator-inputs.ts';
import type { GeneratorCard, VerifiedArtifacts } from './model-loader.ts';
import { planInputs } from './latent-plan.ts';
import type { GenerateRequest } from './protocol.ts';
import { tilesToRgba } from './pixels.ts';

/**
 * The TF.js half of generation, shared by the page's worker and the build-time fallback
 * renderer so a seed gives the same picture in both. Never imported on the main thread.
 */

/** Builds a layers model from bytes already verified against the card (no network). */
export function modelFromArtifacts(artifacts: VerifiedArtifacts): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: artifacts.weightData,
    }),
  );
}

/**
 * Runs the generator for a request; every intermediate tensor is freed.
 * @returns [n, 28, 28, 1] in [-1, 1], flattened
 */
export async function generateValues(model: tfl.LayersModel, card: GeneratorCard, request: GenerateRequest): Promise<Float32Array> {
  const { latents, labels } = planInputs(request, card.latentDim);
  const output = tf.tidy(
    () => model.predict(generatorInputs(latents, card.latentDim, card.conditional ? labels : undefined, card.numClasses)) as tf.Tensor,
  );
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

/** @returns RGBA grid of n tiles, each [28, 28], from the generator's output */
export async function generateRgba(model: tfl.LayersModel, card: GeneratorCard, request: GenerateRequest) {
  return tilesToRgba(await generateValues(model, card, request), request.n, request.columns);
}

/**
 * Runs an image model: the MNIST classifier or a discriminator.
 * @param images [n, 28, 28, 1] in [-1, 1], flattened
 * @returns classifier [n, 10] class probabilities, discriminator [n, 1] scores; flattened
 */
export async function predictImages(model: tfl.LayersModel, images: Float32Array, n: number): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(tf.tensor4d(images, [n, 28, 28, 1])) as tf.Tensor);
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}
