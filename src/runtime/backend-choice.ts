/**
 * Which TF.js backend to try, in which order. Pure: no TF.js, no DOM, so it is unit-tested.
 * Order of preference: WebGPU, then WebGL (2, needed for OffscreenCanvas in a worker), then
 * WASM, then plain JS (cpu); a software WebGL renderer goes behind WASM. A `?backend=`
 * override tries only that backend.
 */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** Reads `?backend=wasm` (or webgpu/webgl/cpu) from a query string; anything else is ignored. */
export function parseBackendOverride(search: string): BackendName | null {
  const value = new URLSearchParams(search).get('backend');
  return isBackendName(value) ? value : null;
}

/** What the worker found in its global scope; each flag is a cheap feature test, not a promise. */
export interface BackendFeatures {
  /** `navigator.gpu.requestAdapter()` gave an adapter. */
  webgpu: boolean;
  /** `new OffscreenCanvas(1, 1).getContext('webgl2')` gave a context. */
  webgl2: boolean;
  /** `WebAssembly.instantiate` exists. */
  wasm: boolean;
  /**
   * The WebGL renderer is a software rasteriser (SwiftShader, llvmpipe): no GPU behind it,
   * and in practice several times slower than the WASM backend on the same CPU.
   */
  webglSoftware?: boolean;
}

/** Matches the renderer strings of software WebGL implementations. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * @param exclude backends already given up on (failed self-test, lost context)
 * @returns the backends to try in order; empty means nothing can run here
 */
export function candidateBackends(
  features: BackendFeatures,
  override: BackendName | null,
  exclude: readonly BackendName[] = [],
): BackendName[] {
  const available: Record<BackendName, boolean> = {
    webgpu: features.webgpu,
    webgl: features.webgl2,
    wasm: features.wasm,
    cpu: true,
  };
  // Software WebGL still beats plain JS, so it moves behind WASM rather than out of the list.
  const preferred: readonly BackendName[] = features.webglSoftware ? ['webgpu', 'wasm', 'webgl', 'cpu'] : BACKENDS;
  const order = override ? [override] : preferred;
  return order.filter((name) => available[name] && !exclude.includes(name));
}

/** [[1, 2], [3, 4]] x [[5, 6], [7, 8]]: small enough to run in a millisecond, big enough to catch a broken shader. */
export const SELF_TEST = { a: [1, 2, 3, 4], b: [5, 6, 7, 8], expected: [19, 22, 43, 50] } as const;

export function selfTestPasses(values: ArrayLike<number>, tolerance = 1e-3): boolean {
  if (values.length !== SELF_TEST.expected.length) return false;
  return SELF_TEST.expected.every((want, i) => Math.abs((values[i] ?? Number.NaN) - want) <= tolerance);
}
