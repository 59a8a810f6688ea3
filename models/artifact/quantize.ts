/**
 * Weight quantisation through the TF.js weights manifest: each float32 entry gets a
 * `quantization` field that stock `tf.loadLayersModel` / `tf.io.decodeWeights` understands and
 * undoes on load, so the page needs no decoder of its own.
 *
 * - float16: `{ dtype: 'float16' }`, IEEE binary16, half the bytes.
 * - uint8: `{ dtype: 'uint8', min, scale }`, w ≈ q·scale + min with q in 0..255 per tensor, a
 *   quarter of the bytes. The range is nudged (as the TF.js converter's affine quantiser does)
 *   so that 0 is exactly representable: zero biases and padding stay exactly zero.
 *
 * Isomorphic: no Node imports.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { concatBytes } from './buffers.ts';

/** How the float weights of an export are stored. */
export type WeightQuantization = 'none' | 'float16' | 'uint8';

/** IEEE 754 binary16 bits of a float32, round to nearest even; overflows to ±Inf. */
export function float32ToFloat16Bits(value: number): number {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    if (e < -10) return sign; // underflow to zero
    mant |= 0x800000; // subnormal: shift the implicit bit in
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let m = mant >>> shift;
    if (rest > half || (rest === half && (m & 1) === 1)) m++;
    return sign | m;
  }
  let bits = sign | (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (bits & 1) === 1)) bits++; // may carry into the exponent: correct
  return bits;
}

/**
 * Affine uint8 parameters of a tensor: `scale` and a `min` nudged so that 0 maps to an integer q.
 * The range always spans 0; an all-zero tensor gets scale 1 (every q is 0).
 */
export function affineUint8Range(values: Float32Array): { min: number; scale: number } {
  let lo = 0;
  let hi = 0; // the range always contains 0, so 0 stays exact
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) return { min: 0, scale: 1 };
  const scale = (hi - lo) / 255;
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-lo / scale)));
  return { min: zeroPoint === 0 ? 0 : -zeroPoint * scale, scale };
}

function encodeUint8(values: Float32Array): { bytes: Uint8Array; min: number; scale: number } {
  const { min, scale } = affineUint8Range(values);
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.min(255, Math.max(0, Math.round((values[i]! - min) / scale)));
  return { bytes, min, scale };
}

/**
 * Whether 8 bits reproduce `values` exactly as stock TF.js decodes them (float32 of q·scale + min),
 * up to 1e-6 of the largest magnitude: true of a selector whose entries are 0 and one constant.
 */
export function uint8IsExact(values: Float32Array): boolean {
  const { bytes, min, scale } = encodeUint8(values);
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(Math.fround(bytes[i]! * scale + min) - values[i]!) > 1e-6 * largest) return false;
  }
  return true;
}

function encodeFloat16(values: Float32Array): Uint8Array {
  const half = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) half[i] = float32ToFloat16Bits(values[i]!);
  return new Uint8Array(half.buffer);
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/**
 * Re-encodes the float32 entries of a weights manifest (and their bytes, in manifest order).
 * Entries that are not float32, already quantised, or named in `keepFloat32`, are copied unchanged,
 * except that a `keepFloat32` entry which 8 bits store exactly (`uint8IsExact`) is stored as uint8.
 */
export function quantizeWeights(
  specs: readonly tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  quantization: WeightQuantization,
  keepFloat32: ReadonlySet<string> = new Set(),
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  if (quantization === 'none') return { specs: [...specs], data };
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const reEncoded = spec.dtype === 'float32' && spec.quantization === undefined;
    const values = reEncoded ? new Float32Array(data.slice(offset, offset + size * 4)) : undefined;
    const keep = keepFloat32.has(spec.name) && !(quantization === 'uint8' && values !== undefined && uint8IsExact(values));
    if (values === undefined || keep) {
      const width = spec.quantization === undefined ? (BYTES_PER_VALUE[spec.dtype] ?? 4) : spec.quantization.dtype === 'uint8' ? 1 : 2;
      parts.push(new Uint8Array(data, offset, size * width).slice());
      offset += size * width;
      outSpecs.push(spec);
      continue;
    }
    offset += size * 4;
    if (quantization === 'float16') {
      parts.push(encodeFloat16(values));
      outSpecs.push({ ...spec, quantization: { dtype: 'float16' } });
    } else {
      const { bytes, min, scale } = encodeUint8(values);
      parts.push(bytes);
      outSpecs.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
    }
  }
  return { specs: outSpecs, data: concatBytes(parts) };
}
