/**
 * Loads a committed layers artifact from disk with TF.js's own decoding:
 * tf.loadLayersModel over an IOHandler that reads model.json and its shards
 * with fs (the Node equivalent of the browser's fetch of the same files; no
 * tfjs-node). Quantized weights are dequantized by TF.js from the manifest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** IOHandler reading `<dir>/model.json` and the shards its manifest names. */
export function fileSystemHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) => group.paths.map((p) => {
          const b = readFileSync(path.join(dir, p));
          return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
        }));
        const total = buffers.reduce((s, b) => s + b.byteLength, 0);
        const all = new Uint8Array(total);
        let o = 0;
        for (const b of buffers) {
          all.set(new Uint8Array(b), o);
          o += b.byteLength;
        }
        return [specs, all.buffer];
      });
    },
  };
}

/** Loads `<dir>/model.json` (+ shards) as a LayersModel. */
export async function loadLayersModelFromDir(dir: string): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(fileSystemHandler(dir));
}
