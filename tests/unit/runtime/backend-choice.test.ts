import { describe, expect, it } from 'vitest';
import { candidateBackends, parseBackendOverride, selfTestPasses, SOFTWARE_RENDERER } from '../../../src/runtime/backend-choice.ts';

const all = { webgpu: true, webgl2: true, wasm: true };

describe('candidateBackends', () => {
  it('prefers WebGPU, then WebGL, then WASM, then CPU', () => {
    expect(candidateBackends(all, null)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('skips what the browser lacks; CPU is always there', () => {
    expect(candidateBackends({ webgpu: false, webgl2: true, wasm: true }, null)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(candidateBackends({ webgpu: false, webgl2: false, wasm: false }, null)).toEqual(['cpu']);
  });
  it('puts a software WebGL renderer (SwiftShader) behind WASM, but before plain JS', () => {
    expect(candidateBackends({ ...all, webgpu: false, webglSoftware: true }, null)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(candidateBackends({ ...all, webglSoftware: true }, 'webgl')).toEqual(['webgl']);
    expect(SOFTWARE_RENDERER.test('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(
      true,
    );
    expect(SOFTWARE_RENDERER.test('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
  });
  it('skips backends already given up on (failed self-test, lost context)', () => {
    expect(candidateBackends(all, null, ['webgpu', 'webgl'])).toEqual(['wasm', 'cpu']);
  });
  it('an override tries only that backend, and nothing when it is missing', () => {
    expect(candidateBackends(all, 'wasm')).toEqual(['wasm']);
    expect(candidateBackends({ ...all, webgpu: false }, 'webgpu')).toEqual([]);
  });
});

describe('parseBackendOverride', () => {
  it('reads ?backend= and ignores unknown values', () => {
    expect(parseBackendOverride('?backend=wasm')).toBe('wasm');
    expect(parseBackendOverride('?x=1&backend=cpu')).toBe('cpu');
    expect(parseBackendOverride('?backend=tpu')).toBeNull();
    expect(parseBackendOverride('')).toBeNull();
  });
});

describe('selfTestPasses', () => {
  it('accepts the right 2x2 product and rejects a broken one', () => {
    expect(selfTestPasses([19, 22, 43, 50])).toBe(true);
    expect(selfTestPasses(new Float32Array([19.0001, 22, 43, 50]))).toBe(true);
    expect(selfTestPasses([0, 0, 0, 0])).toBe(false);
    expect(selfTestPasses([19, 22, 43])).toBe(false);
    expect(selfTestPasses([19, 22, 43, Number.NaN])).toBe(false);
  });
});
