import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleLatents } from '../../../models/gan/latent.ts';
import { publishedFiles } from '../../../src/integrations/publish-models.ts';
import { hashWithSeed, seedFromHash } from '../../../src/islands/url-hash.ts';
import { renderFallback, renderProbeFallback } from '../../../src/runtime/fallback.node.ts';
import { generateRgba, modelFromArtifacts } from '../../../src/runtime/generate.ts';
import { planInputs } from '../../../src/runtime/latent-plan.ts';
import { generatorCard, loadVerifiedArtifacts } from '../../../src/runtime/model-loader.ts';
import { gridColumns, tilesToRgba, TILE, GAP } from '../../../src/runtime/pixels.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/models/islands');

beforeAll(async () => {
  process.env['MINIMAX_MODELS_DIR'] = FIXTURES;
  process.env['MINIMAX_FALLBACK_DIR'] = mkdtempSync(join(tmpdir(), 'minimax-fallback-'));
  await tf.setBackend('cpu');
});

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('planInputs', () => {
  it('draws n latents from the seed', () => {
    const { latents, labels } = planInputs({ model: 'm', seed: 4, n: 3 }, 8);
    expect(latents).toEqual(sampleLatents(4, 3, 8));
    expect(labels).toEqual([0, 0, 0]);
  });
  it('uses explicit latents when given, and checks their size', () => {
    const latents = new Float32Array(2 * 8).fill(0.5);
    expect(planInputs({ model: 'm', seed: 1, n: 2, latents }, 8).latents).toBe(latents);
    expect(() => planInputs({ model: 'm', seed: 1, n: 3, latents }, 8)).toThrow(/Expected 3 x 8 latents/);
  });
  it('"hold style" repeats the first latent with each label', () => {
    const { latents, labels } = planInputs({ model: 'm', seed: 4, n: 10, sameLatent: true, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }, 8);
    const first = sampleLatents(4, 1, 8);
    for (let i = 0; i < 10; i++) expect(latents.subarray(i * 8, i * 8 + 8)).toEqual(first);
    expect(labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('a walk passes through the keyframe latents and keeps a typical norm in between (slerp)', () => {
    const dim = 256;
    const at = (position: number) => planInputs({ model: 'm', seed: 10, n: 2, walk: { position, keyframes: 3 } }, dim).latents;
    expect(at(0)).toEqual(sampleLatents(10, 2, dim));
    expect(at(1)).toEqual(sampleLatents(11, 2, dim));
    expect(at(3)).toEqual(sampleLatents(10, 2, dim)); // loops back
    const ends = norm(sampleLatents(10, 1, dim));
    const middle = norm(at(0.5).subarray(0, dim));
    // A straight line's midpoint would have norm ~ sqrt(dim / 2) ~ 0.71 of the ends.
    expect(middle / ends).toBeGreaterThan(0.9);
  });
});

describe('tilesToRgba', () => {
  it('maps [-1, 1] to 0..255 and lays tiles out on a grid with gaps', () => {
    const values = new Float32Array(4 * TILE * TILE).fill(-1);
    values.fill(1, TILE * TILE, 2 * TILE * TILE); // second tile white
    const { data, width, height } = tilesToRgba(values, 4);
    expect(gridColumns(4)).toBe(2);
    expect([width, height]).toEqual([2 * TILE + GAP, 2 * TILE + GAP]);
    expect(data[0]).toBe(0);
    expect(data[(TILE + GAP) * 4]).toBe(255);
    expect(data[TILE * 4]).toBe(96); // gap
    expect(gridColumns(10)).toBe(4);
    expect(gridColumns(64)).toBe(8);
  });
});

describe('generation on the CPU backend', () => {
  it('draws the fixture generator without leaking tensors', async () => {
    const artifacts = await loadVerifiedArtifacts(
      'x/',
      () => {},
      (async (url: string) => new Response(readFileSync(join(FIXTURES, 'cgan/artifact', String(url).slice(2))))) as typeof fetch,
    );
    const model = await modelFromArtifacts(artifacts);
    const card = generatorCard(artifacts.card, 'cgan');
    const request = { model: 'cgan', seed: 1, n: 10, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], columns: 10 };
    await generateRgba(model, card, request);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await generateRgba(model, card, { ...request, seed: i });
    expect(tf.memory().numTensors).toBe(before);
    const { width, height } = await generateRgba(model, card, request);
    expect([width, height]).toEqual([10 * TILE + 9 * GAP, TILE]);
    model.dispose();
  });

  it('renders the static fallback PNG from the same code path, and returns null for a missing model', async () => {
    const request = { model: 'dcgan', seed: 3, n: 4 };
    const fallback = await renderFallback(request);
    expect(fallback?.path).toMatch(/^fallback\/[0-9a-f]{16}\.png$/);
    const png = PNG.sync.read(readFileSync(join(process.env['MINIMAX_FALLBACK_DIR']!, fallback!.path.slice('fallback/'.length))));
    expect([png.width, png.height]).toEqual([fallback!.width, fallback!.height]);
    expect(await renderFallback({ model: 'nope', seed: 1, n: 1 })).toBeNull();
  });

  it('classifies the first digit of the probe at build time', async () => {
    const probe = await renderProbeFallback('dcgan', 'classifier', 11);
    expect(probe?.probabilities).toHaveLength(10);
    expect(probe!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(probe?.realness).toBeNull();
    expect(await renderProbeFallback('dcgan', 'missing-classifier', 11)).toBeNull();
    const withD = await renderProbeFallback('dcgan', 'classifier', 11, 'dcgan-discriminator');
    expect(withD?.realness).toBeGreaterThan(0);
    expect(withD?.realness).toBeLessThan(1);
  });
});

describe('publishedFiles', () => {
  it('maps artifacts and timeline checkpoints to their URLs', () => {
    const files = publishedFiles(FIXTURES);
    expect(files.get('models/dcgan/model.json')).toBe(join(FIXTURES, 'dcgan/artifact/model.json'));
    expect(files.get('models/dcgan/timeline/timeline.json')).toBe(join(FIXTURES, 'dcgan/timeline/timeline.json'));
    expect(files.get('models/dcgan/timeline/step-400/card.json')).toBe(join(FIXTURES, 'dcgan/timeline/step-400/card.json'));
    expect([...files.keys()].some((k) => k.includes('make-fixtures'))).toBe(false);
  });
});

describe('seed in the URL hash', () => {
  it('reads and writes one key, keeping the others', () => {
    expect(seedFromHash('#sample-grid=42', 'sample-grid')).toBe(42);
    expect(seedFromHash('#a=1&sample-grid=7', 'sample-grid')).toBe(7);
    expect(seedFromHash('#sample-grid=-1', 'sample-grid')).toBeNull();
    expect(seedFromHash('#sample-grid=99999999999', 'sample-grid')).toBeNull();
    expect(seedFromHash('', 'sample-grid')).toBeNull();
    expect(hashWithSeed('#a=1', 'sample-grid', 5)).toBe('#a=1&sample-grid=5');
  });
});
