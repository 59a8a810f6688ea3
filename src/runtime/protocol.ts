import type { BackendName } from './backend-choice.ts';
import type { SerializedError } from './errors.ts';

/**
 * What an island asks the worker to draw. Only serialisable values: the worker turns seeds into
 * latents itself, so the main thread never needs TF.js or the random number generator.
 */
export interface GenerateRequest {
  /** Path under the models base URL: "dcgan", "cgan", "dcgan/timeline/step-400". */
  model: string;
  /** Seed for `sampleLatents(seed, n, latentDim)` from models/gan/latent.ts. */
  seed: number;
  /** Number of samples (tiles) to draw. */
  n: number;
  /** Class per sample for a conditional model (length n); ignored by unconditional ones. */
  labels?: number[];
  /** Explicit latents [n * latentDim] (row-major), used instead of the seed's. */
  latents?: Float32Array;
  /** Use the first latent for every sample ("hold style" across classes). */
  sameLatent?: boolean;
  /** Latent walk: `position` in [0, keyframes) slerps between the latents of seed+k and seed+k+1. */
  walk?: { position: number; keyframes: number };
  /** Tiles per row; default a near-square grid. */
  columns?: number;
}

export interface GenerateResult {
  /** RGBA, width * height * 4, transferred (not copied) from the worker. */
  pixels: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  /** Wall time of predict + read-back in the worker. */
  ms: number;
  backend: BackendName;
}

export interface PredictResult {
  /** The model's outputs for the image: classifier [10] probabilities, discriminator [1] score. */
  outputs: number[];
  ms: number;
  backend: BackendName;
}

export type WorkerRequest =
  | { type: 'init'; id: number; override: BackendName | null; modelsBase: string }
  | { type: 'load'; id: number; model: string }
  | { type: 'generate'; id: number; request: GenerateRequest }
  /** Runs an image model (classifier, discriminator) on one 28x28 image in [-1, 1]. */
  | { type: 'predict'; id: number; model: string; image: Float32Array }
  | { type: 'numTensors'; id: number }
  /** Test hook: lose the WebGL context as a driver crash would. */
  | { type: 'loseContext'; id: number };

export type WorkerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'progress'; model: string; loaded: number; total: number | null }
  | { type: 'backend'; name: BackendName; notice: string | null };
