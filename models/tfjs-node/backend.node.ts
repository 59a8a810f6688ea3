/**
 * Node set-up of the TF.js backend used for training and evaluation.
 *
 * `wasm` (default): the WASM backend with SIMD, single-threaded (in Node it has no worker
 * threads; run one training per core), its .wasm binaries read from node_modules — nothing is
 * downloaded — plus the faster training kernels of `wasm-kernels.ts`.
 * `cpu`: the pure-JS reference backend (slow; tests and kernel checks).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import './gradients.node.ts';
import { registerFastKernels } from './wasm-kernels.ts';

export type BackendName = 'wasm' | 'cpu';

const require = createRequire(import.meta.url);

/** Directory (with trailing separator) holding tfjs-backend-wasm's .wasm files. */
export function wasmDirectory(): string {
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}

let wasmPathsSet = false;

/**
 * Selects and initialises a backend; resolves to its name.
 * @param fastKernels re-register the faster training kernels on wasm (default true; tests
 *   turn it off to compare against the stock kernels).
 */
export async function useBackend(name: BackendName = 'wasm', options: { fastKernels?: boolean } = {}): Promise<BackendName> {
  if (name === 'wasm') {
    if (!wasmPathsSet) {
      // A plain path prefix: Emscripten's Node loader reads it with fs, no fetch.
      setWasmPaths(wasmDirectory());
      wasmPathsSet = true;
    }
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    if (options.fastKernels ?? true) registerFastKernels('wasm');
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`Could not initialise the TF.js ${name} backend`);
  await tf.ready();
  return name;
}

/** File URL of the wasm directory, for logs. */
export function wasmDirectoryUrl(): string {
  return pathToFileURL(wasmDirectory()).href;
}
