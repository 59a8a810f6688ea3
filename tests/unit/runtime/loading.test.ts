import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../../src/runtime/errors.ts';
import { sha256Hex, verifyFile } from '../../../src/runtime/integrity.ts';
import { expectedWeightBytes, loadVerifiedArtifacts, type LoadProgress } from '../../../src/runtime/model-loader.ts';
import { fetchWithProgress, fileName } from '../../../src/runtime/progress-fetch.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/models/islands/dcgan/artifact');

/** fetch() over the fixture folder, streaming each body in 1 KB chunks, with optional tampering. */
function fixtureFetch(tamper: (name: string, body: Uint8Array) => Uint8Array | number = (_, b) => b): typeof fetch {
  return (async (input: string | URL | Request) => {
    const name = fileName(String(input));
    let body: Uint8Array;
    try {
      body = new Uint8Array(await readFile(join(FIXTURE, name)));
    } catch {
      return new Response(null, { status: 404 });
    }
    const result = tamper(name, body);
    if (typeof result === 'number') return new Response(null, { status: result });
    const chunks = Array.from({ length: Math.ceil(result.length / 1024) }, (_, i) => result.slice(i * 1024, (i + 1) * 1024));
    return new Response(new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()) : c.close()) }));
  }) as typeof fetch;
}

async function rejection(promise: Promise<unknown>): Promise<RuntimeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuntimeError);
  return error as RuntimeError;
}

describe('sha256Hex / verifyFile', () => {
  it('matches the published SHA-256 test vector', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('refuses a mismatch and a file the card does not list', async () => {
    const bytes = new TextEncoder().encode('abc');
    await verifyFile('a.bin', bytes, { 'a.bin': 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD' });
    expect((await rejection(verifyFile('a.bin', bytes, { 'a.bin': '00'.repeat(32) }))).kind).toBe('checksum');
    expect((await rejection(verifyFile('b.bin', bytes, { 'a.bin': '00' }))).kind).toBe('format');
  });
});

describe('fetchWithProgress', () => {
  it('reports every chunk and returns the whole body', async () => {
    const deltas: number[] = [];
    const body = await fetchWithProgress('x/group1-shard1of1.bin', (d) => deltas.push(d), fixtureFetch());
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.reduce((a, b) => a + b, 0)).toBe(body.byteLength);
  });
  it('turns HTTP errors and network failures into RuntimeErrors', async () => {
    const notFound = await rejection(
      fetchWithProgress(
        'x/model.json',
        () => {},
        fixtureFetch(() => 404),
      ),
    );
    expect(notFound.kind).toBe('not-found');
    expect(notFound.message).toMatch(/model\.json was not found \(HTTP 404\)/);
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect((await rejection(fetchWithProgress('x/model.json', () => {}, offline))).kind).toBe('network');
    const broken = (async () =>
      new Response(new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(8)), c.error(new Error('reset'))) }))) as typeof fetch;
    expect((await rejection(fetchWithProgress('x/a.bin', () => {}, broken))).message).toMatch(/broke off after \d+ bytes/);
  });
});

describe('loadVerifiedArtifacts', () => {
  it('loads the fixture with byte progress up to the card total', async () => {
    const progress: LoadProgress[] = [];
    const artifacts = await loadVerifiedArtifacts('x/', (p) => progress.push(p), fixtureFetch());
    const last = progress.at(-1)!;
    expect(last.loaded).toBe(artifacts.card.bytes);
    expect(last.total).toBe(artifacts.card.bytes);
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(artifacts.weightData.byteLength).toBe(expectedWeightBytes(artifacts.weightSpecs));
  });
  it('refuses a truncated shard, an altered byte, a 404 and a corrupt model.json', async () => {
    const truncated = await rejection(
      loadVerifiedArtifacts(
        'x/',
        () => {},
        fixtureFetch((n, b) => (n.endsWith('.bin') ? b.slice(0, 100) : b)),
      ),
    );
    expect(truncated.kind).toBe('truncated');
    const altered = await rejection(
      loadVerifiedArtifacts(
        'x/',
        () => {},
        fixtureFetch((n, b) => (n.endsWith('.bin') ? ((b[5]! ^= 1), b) : b)),
      ),
    );
    expect(altered.kind).toBe('checksum');
    expect(
      (
        await rejection(
          loadVerifiedArtifacts(
            'x/',
            () => {},
            fixtureFetch((n, b) => (n === 'model.json' ? 404 : b)),
          ),
        )
      ).kind,
    ).toBe('not-found');
    const badJson = await rejection(
      loadVerifiedArtifacts(
        'x/',
        () => {},
        fixtureFetch((n, b) => (n === 'model.json' ? b.slice(0, 50) : b)),
      ),
    );
    expect(badJson.kind).toBe('checksum');
  });
  it('counts quantised weights at their stored width', () => {
    expect(expectedWeightBytes([{ name: 'w', shape: [2, 3], dtype: 'float32', quantization: { dtype: 'float16' } }])).toBe(12);
    expect(expectedWeightBytes([{ name: 's', shape: [1], dtype: 'string' }])).toBeNull();
  });
});
