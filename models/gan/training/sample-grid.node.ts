/** Sample grids: a PNG of the generator's outputs on fixed latents, written at every checkpoint. */
import type * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import type { GanArchitecture } from '../architectures.ts';
import { generatorInputs } from '../generator-inputs.ts';
import { tileGrid, unitRangeToUint8 } from '../images.ts';
import { sampleLatents } from '../latent.ts';

/** Seed of the fixed latents behind every sample grid (independent of the training seed). */
export const SAMPLE_SEED = 20141208;

/** A PNG grid of the generator's outputs on the fixed sample latents (inference mode). */
export function sampleGridPng(generator: tfl.LayersModel, arch: GanArchitecture): Uint8Array | undefined {
  const conditional = arch.numClasses !== undefined;
  const n = conditional ? 100 : 64;
  const columns = conditional ? 10 : 8;
  const pixels = tf.tidy(() => {
    // Conditional grid: row r shows digit r.
    const rows = conditional ? Array.from({ length: n }, (_, i) => Math.floor(i / columns)) : undefined;
    const input = generatorInputs(sampleLatents(SAMPLE_SEED, n, arch.latentDim), arch.latentDim, rows, arch.numClasses);
    return (generator.predict(input) as tf.Tensor).dataSync() as Float32Array;
  });
  const grid = tileGrid(unitRangeToUint8(pixels), n, 28, 28, columns, 2, 0);
  const png = new PNG({ width: grid.width, height: grid.height });
  for (let i = 0; i < grid.data.length; i++) {
    const v = grid.data[i] ?? 0;
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}
