/// <reference lib="webworker" />
/**
 * The backend chain every TF.js worker of the site uses (the islands' worker and the training
 * playground's): feature tests, then WebGPU, WebGL, WASM, CPU in the order of
 * ./backend-choice.ts, each loaded on demand as its own chunk and accepted only after a
 * self-test. One copy, so both workers fall back the same way.
 */
import * as tf from '@tensorflow/tfjs-core';
import { candidateBackends, selfTestPasses, SELF_TEST, SOFTWARE_RENDERER, type BackendName } from './backend-choice.ts';
import { RuntimeError } from './errors.ts';

let detected: ReturnType<typeof detectFeatures> | null = null;

/** Cheap feature tests, run once per worker; WebGPU also asks for an adapter, which headless browsers often refuse. */
export function features() {
  detected ??= detectFeatures();
  return detected;
}

async function detectFeatures() {
  let webgl2: boolean;
  let webglSoftware = false;
  try {
    const gl = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('webgl2') : null;
    webgl2 = gl !== null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
      webglSoftware = SOFTWARE_RENDERER.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    webgl2 = false;
  }
  let webgpu: boolean;
  try {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    webgpu = gpu !== undefined && (await gpu.requestAdapter()) !== null;
  } catch {
    webgpu = false;
  }
  return {
    webgpu,
    webgl2,
    webglSoftware,
    wasm: typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function',
  };
}

/** Loads only the chosen backend's package; each is its own chunk. */
export async function registerBackend(name: BackendName): Promise<void> {
  if (tf.findBackendFactory(name)) return;
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'wasm') {
    const [wasm, { wasmPaths }, { registerFastKernels }] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm'),
      import('./wasm-paths.ts'),
      // The Node trainer's faster kernels (transposed matmul and convolutions through the
      // backend's XNNPACK ones; isomorphic): training steps and transposed-conv generators use them.
      import('../../models/tfjs-node/wasm-kernels.ts'),
    ]);
    wasm.setWasmPaths(wasmPaths);
    registerFastKernels('wasm');
  } else await import('@tensorflow/tfjs-backend-cpu');
}

async function selfTest(): Promise<boolean> {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([...SELF_TEST.a], [2, 2]), tf.tensor2d([...SELF_TEST.b], [2, 2])));
  try {
    return selfTestPasses(await product.data());
  } finally {
    product.dispose();
  }
}

/**
 * Tries each candidate backend in order and keeps the first that passes its self-test.
 * @param excluded backends given up on; the failures found here are appended to it
 * @throws RuntimeError('no-backend') naming what was tried
 */
export async function chooseBackend(override: BackendName | null, excluded: BackendName[]): Promise<BackendName> {
  const tried: string[] = [];
  for (const name of candidateBackends(await features(), override, excluded)) {
    try {
      await registerBackend(name);
      if ((await tf.setBackend(name)) && (await selfTest())) return name;
      tried.push(`${name} (self-test failed)`);
    } catch (error) {
      tried.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
    excluded.push(name);
    try {
      tf.removeBackend(name);
    } catch {
      // already gone
    }
  }
  const what = override ? `The requested backend "${override}" is not usable here` : 'No TF.js backend works in this browser';
  throw new RuntimeError('no-backend', `${what}${tried.length ? `: ${tried.join('; ')}` : ''}.`);
}
