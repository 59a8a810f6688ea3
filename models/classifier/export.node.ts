/**
 * Writes a LayersModel as a standard TF.js layers artifact — `model.json` plus
 * one weight shard — optionally float16-quantized through the weights manifest
 * (`quantization: { dtype: 'float16' }`), which stock tf.loadLayersModel
 * dequantizes on load. No tfjs-node: the model is serialised with a save
 * handler and the files are written with fs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { sha256OfFile } from '../runtime/model-io.node.ts';

export type WeightQuantization = 'none' | 'float16';

export interface ExportResult {
  /** SHA-256 (hex) of every written file, by file name. */
  readonly files: Record<string, string>;
  /** Total bytes of the written files. */
  readonly bytes: number;
}

const SHARD = 'group1-shard1of1.bin';

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

function concatBuffers(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const total = data.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** Re-encodes float32 weights as float16 with a manifest entry stock TF.js decodes. */
function quantizeFloat16(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32' || spec.quantization !== undefined) {
      const bytesPer = spec.dtype === 'float32' || spec.dtype === 'int32' ? 4 : 1;
      parts.push(new Uint8Array(data, offset, size * bytesPer).slice());
      offset += size * bytesPer;
      outSpecs.push(spec);
      continue;
    }
    const values = new Float32Array(data.slice(offset, offset + size * 4));
    offset += size * 4;
    const half = new Uint16Array(size);
    for (let i = 0; i < size; i++) half[i] = float32ToFloat16Bits(values[i]!);
    parts.push(new Uint8Array(half.buffer));
    outSpecs.push({ ...spec, quantization: { dtype: 'float16' } });
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { specs: outSpecs, data: out.buffer };
}


/**
 * Saves `model` into `dir` as model.json + group1-shard1of1.bin.
 * @returns the SHA-256 of each written file and their total size
 */
export async function exportLayersModel(model: tfl.LayersModel, dir: string, quantization: WeightQuantization = 'none'): Promise<ExportResult> {
  mkdirSync(dir, { recursive: true });
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (captured?.weightSpecs === undefined || captured.weightData === undefined) {
    throw new Error('export: the model produced no weights');
  }
  let specs = captured.weightSpecs;
  let data = concatBuffers(captured.weightData);
  if (quantization === 'float16') ({ specs, data } = quantizeFloat16(specs, data));
  const modelJson = {
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: [SHARD], weights: specs }],
  };
  const jsonPath = path.join(dir, 'model.json');
  const shardPath = path.join(dir, SHARD);
  writeFileSync(jsonPath, `${JSON.stringify(modelJson)}\n`);
  writeFileSync(shardPath, new Uint8Array(data));
  const files = { 'model.json': sha256OfFile(jsonPath), [SHARD]: sha256OfFile(shardPath) };
  return { files, bytes: readFileSync(jsonPath).length + data.byteLength };
}
