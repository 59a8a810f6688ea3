/**
 * TF.js layers artifacts on disk, without tfjs-node: one load handler that reads `model.json`
 * and its shards with fs for stock `tf.loadLayersModel` (the Node equivalent of the page's
 * fetch of the same files; quantised weights are decoded by TF.js from the manifest), and one
 * exporter that writes `model.json` + one shard, optionally float16 or uint8.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { concatBytes } from './buffers.ts';
import { quantizeWeights, type WeightQuantization } from './quantize.ts';
import { sha256OfFile } from './sha256.node.ts';

export type { WeightQuantization } from './quantize.ts';

/** The one weight shard every export writes. */
export const SHARD_FILE = 'group1-shard1of1.bin';

export interface ExportResult {
  /** SHA-256 (hex) of every written file, by file name. */
  readonly files: Record<string, string>;
  /** Total bytes of the written files. */
  readonly bytes: number;
}

/**
 * An IOHandler that reads `model.json` and the shards its manifest names from disk.
 * Usage: `await tfl.loadLayersModel(fileSystemLoadHandler('models/dcgan/artifact/model.json'))`.
 */
export function fileSystemLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = path.dirname(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const shards = manifest.flatMap((group) => group.paths.map((p) => new Uint8Array(readFileSync(path.join(dir, p)))));
        return [specs, concatBytes(shards)];
      });
    },
  };
}

/** Loads `<dir>/model.json` (+ shards) as a LayersModel. */
export async function loadLayersModelFromDir(dir: string): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(fileSystemLoadHandler(path.join(dir, 'model.json')));
}

/** Removes a previous export's model.json and shards from `dir` (cards stay). */
export function removeExportedFiles(dir: string): void {
  for (const f of readdirSync(dir)) if (f.endsWith('.bin') || f === 'model.json') rmSync(path.join(dir, f));
}

/**
 * Saves `model` into `dir` as model.json + group1-shard1of1.bin.
 * @returns the SHA-256 of each written file and their total size
 */
export async function exportLayersModel(
  model: tfl.LayersModel,
  dir: string,
  quantization: WeightQuantization = 'none',
): Promise<ExportResult> {
  mkdirSync(dir, { recursive: true });
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (captured?.weightSpecs === undefined || captured.weightData === undefined) {
    throw new Error('export: the model produced no weights');
  }
  // A fixed (non-trainable) layer, such as the one that reads a code from z, keeps float32 weights
  // (rounding its offsets to 8 bits would move some latents to another code), unless 8 bits store a
  // weight exactly, as they do the 0 / CODE_SHARPNESS selector kernel (quantize.ts, uint8IsExact).
  const fixed = new Set(model.layers.filter((l) => !l.trainable).flatMap((l) => l.weights.map((w) => w.originalName)));
  const { specs, data } = quantizeWeights(captured.weightSpecs, concatBytes(captured.weightData), quantization, fixed);
  const modelJson = {
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: [SHARD_FILE], weights: specs }],
  };
  const jsonPath = path.join(dir, 'model.json');
  const shardPath = path.join(dir, SHARD_FILE);
  writeFileSync(jsonPath, `${JSON.stringify(modelJson)}\n`);
  writeFileSync(shardPath, new Uint8Array(data));
  const files = { 'model.json': sha256OfFile(jsonPath), [SHARD_FILE]: sha256OfFile(shardPath) };
  return { files, bytes: readFileSync(jsonPath).length + data.byteLength };
}
