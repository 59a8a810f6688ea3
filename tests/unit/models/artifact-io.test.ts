/**
 * The artifact layer (models/artifact/): the one card schema rejects the drift it exists to
 * stop, card I/O names the file and field, the exporter's float16 and uint8 weights decode with
 * stock TF.js within their error, and a generator's inputs are built one way.
 */
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../../../models/artifact/buffers.ts';
import { readCard, writeCard } from '../../../models/artifact/card.node.ts';
import { modelCardSchema, parseCard } from '../../../models/artifact/card-schema.ts';
import { exportLayersModel, loadLayersModelFromDir } from '../../../models/artifact/layers-io.node.ts';
import { affineUint8Range, quantizeWeights, uint8IsExact } from '../../../models/artifact/quantize.ts';
import { generatorInputs } from '../../../models/gan/generator-inputs.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const committed = (model: string) =>
  JSON.parse(readFileSync(path.join(root, 'models', model, 'artifact', 'card.json'), 'utf8')) as Record<string, unknown>;
let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(path.join(os.tmpdir(), 'artifact-io-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('card schema', () => {
  it('accepts the committed cards of every kind', () => {
    for (const m of ['dcgan', 'cgan', 'classifier']) expect(modelCardSchema.safeParse(committed(m)).success, m).toBe(true);
  });

  it('rejects the shapes cards drifted into before it, naming each field', () => {
    const classifier = { ...committed('classifier'), latentDim: null, input: '[N,28,28,1] in [-1,1]' };
    expect(() => parseCard(classifier, 'x/card.json')).toThrow(/x\/card\.json is not a valid model card[\s\S]*(latentDim|input)/);
    const stringQuantization = { ...committed('cgan'), quantization: 'float16' };
    expect(() => parseCard(stringQuantization, 'c')).toThrow(/quantization/);
    const arrayArchitecture = { ...committed('dcgan'), architecture: ['conv'] };
    expect(() => parseCard(arrayArchitecture, 'd')).toThrow(/architecture/);
    const noLatentDim = { ...committed('dcgan') };
    delete noLatentDim['latentDim'];
    expect(() => parseCard(noLatentDim, 'd')).toThrow(/latentDim/);
    expect(() => parseCard({ ...committed('dcgan'), kind: 'vae' }, 'd')).toThrow(/kind/);
    expect(() => parseCard({ ...committed('dcgan'), files: { 'model.json': 'abc' } }, 'd')).toThrow(/files\.model\.json/);
  });

  it('holds the optional fields the compression and memorisation work fills', () => {
    const card = committed('dcgan');
    const metrics = card['metrics'] as Record<string, unknown>;
    const withExtras = {
      ...card,
      quantization: {
        dtype: 'uint8',
        method: 'weights manifest',
        scheme: 'affine per tensor',
        maxAbsPixelError: 0.03,
        compared: [{ dtype: 'float16', bytes: 10, maxAbsPixelError: 0.004, meanAbsPixelError: 0.0001 }],
      },
      compression: { method: 'truncated SVD of the projection', rank: 16, paramsBefore: 100, paramsAfter: 40 },
      metrics: {
        ...metrics,
        memorisation: {
          samples: 1000,
          copying: false,
          rule: 'r',
          pixels: {
            space: 'pixels',
            generated: q(1),
            test: q(1),
            fractionBelowTestP1: 0.01,
            fractionBelowTestP5: 0.05,
            medianRatio: 1,
            nearExactCopies: 0,
            flagged: false,
          },
        },
      },
    };
    expect(parseCard(withExtras, 'd').kind).toBe('generator');
  });

  it('readCard names the file; writeCard refuses a bad card and writes nothing', () => {
    writeFileSync(path.join(dir, 'card.json'), '{ not json');
    expect(() => readCard(dir)).toThrow(/card\.json is not valid JSON/);
    const bad = { ...committed('cgan'), bytes: -1 } as Parameters<typeof writeCard>[1];
    expect(() => writeCard(dir, bad)).toThrow(/bytes/);
    expect(readFileSync(path.join(dir, 'card.json'), 'utf8')).toBe('{ not json');
  });
});

function q(x: number) {
  return { min: x, p1: x, p5: x, p25: x, median: x, p75: x, p95: x, max: x, mean: x };
}

describe('weight quantisation', () => {
  it('uint8: a range that contains 0 exactly, and a constant tensor', () => {
    const { min, scale } = affineUint8Range(Float32Array.from([-1, 0.5, 3]));
    expect(scale).toBeCloseTo(4 / 255, 6);
    expect(Math.abs(Math.round(-min / scale) * scale + min)).toBeLessThan(1e-7); // 0 decodes to 0
    expect(affineUint8Range(Float32Array.from([2, 2]))).toEqual({ min: 0, scale: 2 / 255 });
    expect(affineUint8Range(Float32Array.from([0, 0]))).toEqual({ min: 0, scale: 1 });
  });

  it('uint8 manifest entries decode with stock tf.io.decodeWeights within half a step', () => {
    const values = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i) * 0.7);
    const specs = [{ name: 'w', shape: [300], dtype: 'float32' as const }];
    const { specs: out, data } = quantizeWeights(specs, values.buffer, 'uint8');
    expect(out[0]?.quantization?.dtype).toBe('uint8');
    expect(data.byteLength).toBe(300);
    const decoded = tf.io.decodeWeights(data, out)['w']!;
    const got = decoded.dataSync();
    const step = out[0]!.quantization!.scale!;
    values.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(step / 2 + 1e-6));
    decoded.dispose();
  });

  it('a fixed weight stays float32 in a uint8 artifact unless 8 bits store it exactly', () => {
    const selector = Float32Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? 10000 : 0)); // 0 / CODE_SHARPNESS
    const offsets = Float32Array.from({ length: 8 }, (_, i) => 10000 * (0.013 * i - 0.04)); // rounding would move them
    expect(uint8IsExact(selector)).toBe(true);
    expect(uint8IsExact(offsets)).toBe(false);
    const specs = [
      { name: 'code/kernel', shape: [64], dtype: 'float32' as const },
      { name: 'code/bias', shape: [8], dtype: 'float32' as const },
    ];
    const { specs: out, data } = quantizeWeights(
      specs,
      concatBytes([selector, offsets].map((a) => new Uint8Array(a.buffer))),
      'uint8',
      new Set(['code/kernel', 'code/bias']),
    );
    expect(out.map((o) => o.quantization?.dtype ?? 'float32')).toEqual(['uint8', 'float32']);
    expect(data.byteLength).toBe(64 + 8 * 4);
    const decoded = tf.io.decodeWeights(data, out);
    expect(Array.from(decoded['code/kernel']!.dataSync())).toEqual(Array.from(selector));
    expect(Array.from(decoded['code/bias']!.dataSync())).toEqual(Array.from(offsets));
    tf.dispose(Object.values(decoded));
  });

  it('exports float16 and uint8 artifacts that stock tf.loadLayersModel reloads', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [8], units: 16, activation: 'tanh', kernelInitializer: tfl.initializers.glorotNormal({ seed: 1 }) }),
        tfl.layers.dense({ units: 4 }),
      ],
    });
    const x = tf.randomUniform([5, 8], -1, 1, 'float32', 3);
    const want = (model.predict(x) as tf.Tensor).dataSync();
    const sizes: Record<string, number> = {};
    for (const [quant, tol] of [
      ['none', 1e-6],
      ['float16', 5e-3],
      ['uint8', 5e-2],
    ] as const) {
      const sub = path.join(dir, quant);
      await exportLayersModel(model, sub, quant);
      sizes[quant] = readFileSync(path.join(sub, 'group1-shard1of1.bin')).length;
      const reloaded = await loadLayersModelFromDir(sub);
      const got = (reloaded.predict(x) as tf.Tensor).dataSync();
      got.forEach((v, i) => expect(Math.abs(v - want[i]!), quant).toBeLessThan(tol));
      reloaded.dispose();
    }
    expect(sizes['float16']! * 2).toBe(sizes['none']);
    expect(sizes['uint8']! * 4).toBe(sizes['none']);
    x.dispose();
    model.dispose();
  });

  it('concatBytes joins chunks in order and passes one buffer through', () => {
    const one = new Uint8Array([1, 2]).buffer;
    expect(concatBytes(one)).toBe(one);
    expect(Array.from(new Uint8Array(concatBytes([new Uint8Array([1]), new Uint8Array([2, 3]).buffer])))).toEqual([1, 2, 3]);
  });
});

describe('generatorInputs', () => {
  it('z alone, or z and a float32 one-hot label, without leaking', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = generatorInputs(new Float32Array(6), 3);
      expect(Array.isArray(z)).toBe(false);
      expect((z as tf.Tensor).shape).toEqual([2, 3]);
      const [zz, label] = generatorInputs(new Float32Array(6), 3, [0, 9]) as tf.Tensor[];
      expect(zz!.dtype).toBe('float32');
      expect(label!.dtype).toBe('float32');
      expect(Array.from(label!.dataSync())).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses latents that do not fill rows, and a label count that does not match', () => {
    expect(() => generatorInputs(new Float32Array(5), 3)).toThrow(/do not fill rows of 3/);
    expect(() => generatorInputs(new Float32Array(6), 3, [1])).toThrow(/1 labels for 2 latents/);
  });
});
