/**
 * The re-registered WASM training kernels (models/tfjs-node/wasm-kernels.ts) against the
 * reference CPU kernels, on several shapes, strides and paddings.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../models/tfjs-node/backend.node.ts';
import { FAST_KERNEL_NAMES } from '../../../models/tfjs-node/wasm-kernels.ts';

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

/** Runs `f` on both backends with the same inputs; returns [wasm, cpu] values. */
async function onBoth(inputs: () => tf.Tensor[], f: (...xs: tf.Tensor[]) => tf.Tensor): Promise<[Float32Array, Float32Array, number[]]> {
  const out: Float32Array[] = [];
  let shape: number[] = [];
  // Inputs are generated once (on the CPU) and copied, so both backends see the same numbers.
  await tf.setBackend('cpu');
  const values = tf.tidy(inputs).map((t) => ({ data: t.dataSync().slice(), shape: t.shape }));
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    const y = tf.tidy(() => f(...values.map((v) => tf.tensor(v.data, v.shape))));
    out.push(y.dataSync().slice() as Float32Array);
    shape = y.shape;
    y.dispose();
  }
  await tf.setBackend('wasm');
  return [out[0] ?? new Float32Array(), out[1] ?? new Float32Array(), shape];
}

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  // 1e-5 relative to the magnitude of the reference (sums of hundreds of products).
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)) / Math.max(1, Math.abs(b[i] ?? 0)));
  expect(worst).toBeLessThan(1e-5);
}

const convCases: { x: number[]; f: number[]; stride: number; pad: 'same' | 'valid' }[] = [
  { x: [2, 28, 28, 1], f: [4, 4, 1, 4], stride: 2, pad: 'same' },
  { x: [2, 14, 14, 4], f: [5, 5, 4, 6], stride: 2, pad: 'same' },
  { x: [3, 7, 7, 3], f: [3, 3, 3, 5], stride: 1, pad: 'same' },
  { x: [2, 9, 9, 3], f: [3, 3, 3, 2], stride: 2, pad: 'valid' },
  { x: [1, 8, 10, 2], f: [5, 5, 2, 3], stride: 3, pad: 'same' },
];
const rand = (shape: number[], seed: number) => tf.randomUniform(shape, -0.5, 0.5, 'float32', seed);

describe('fast WASM kernels', () => {
  it('are registered for wasm', () => {
    for (const name of FAST_KERNEL_NAMES) expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });

  it.each(convCases)('Conv2DBackpropFilter and Conv2DBackpropInput match CPU: x $x, filter $f, stride $stride, $pad', async (c) => {
    const dyShape = tf.tidy(() => tf.conv2d(rand(c.x, 1) as tf.Tensor4D, rand(c.f, 2) as tf.Tensor4D, c.stride, c.pad).shape);
    const inputs = () => [rand(c.x, 1), rand(c.f, 2), rand(dyShape, 3)];
    const filterGrad = (x: tf.Tensor, _f: tf.Tensor, dy: tf.Tensor) =>
      tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad), dy)))(_f);
    const [fw, fc] = await onBoth(inputs, filterGrad);
    expectClose(fw, fc);
    const inputGrad = (x: tf.Tensor, w: tf.Tensor, dy: tf.Tensor) =>
      tf.conv2dTranspose(dy as tf.Tensor4D, w as tf.Tensor4D, x.shape as [number, number, number, number], c.stride, c.pad);
    const [iw, ic, shape] = await onBoth(inputs, inputGrad);
    expect(shape).toEqual(c.x);
    expectClose(iw, ic);
  });

  it.each([
    { a: [3, 5, 7], b: [3, 6, 7], ta: false, tb: true },
    { a: [3, 7, 5], b: [3, 7, 4], ta: true, tb: false },
    { a: [7, 5], b: [4, 7], ta: true, tb: true },
    { a: [64, 100], b: [100, 32], ta: false, tb: false },
  ])('BatchMatMul matches CPU: $a x $b, transposeA $ta, transposeB $tb', async (c) => {
    const [w, r] = await onBoth(
      () => [rand(c.a, 4), rand(c.b, 5)],
      (a, b) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, c.ta, c.tb),
    );
    expectClose(w, r);
  });

  it.each([
    { x: [2, 3], reps: [2, 3] },
    { x: [1, 1, 1, 4], reps: [3, 5, 5, 1] },
    { x: [4], reps: [1] },
  ])('Tile matches CPU: $x by $reps', async (c) => {
    const [w, r] = await onBoth(
      () => [rand(c.x, 6)],
      (x) => tf.tile(x, c.reps),
    );
    expectClose(w, r);
  });

  it('Identity shares the memory of its input (no copy) and outlives it', async () => {
    await tf.setBackend('wasm');
    const x = rand([64, 32], 7);
    const before = tf.memory().numDataBuffers;
    const copy = tf.clone(x);
    expect(tf.memory().numDataBuffers).toBe(before);
    const values = Array.from(x.dataSync());
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual(values);
    copy.dispose();
  });

  it('leak no backend memory', async () => {
    const before = tf.memory().numTensors;
    const wasmBytesBefore = (tf.memory() as { numBytesInWASM?: number }).numBytesInWASM;
    tf.tidy(() => {
      const x = rand([2, 14, 14, 4], 1) as tf.Tensor4D;
      const w = rand([4, 4, 4, 6], 2) as tf.Tensor4D;
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')))([x, w]);
      tf.tile(x, [1, 2, 1, 1]);
      tf.matMul(rand([5, 3], 1) as tf.Tensor2D, rand([4, 3], 2) as tf.Tensor2D, false, true);
      tf.clone(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.memory() as { numBytesInWASM?: number }).numBytesInWASM).toBe(wasmBytesBefore);
  });
});
