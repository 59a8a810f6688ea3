/**
 * Every committed card (models/ and the island fixtures) passes the one card schema
 * (models/artifact/card-schema.ts) and matches its files' SHA-256s and bytes; every committed
 * generator artifact (models/{dcgan,cgan}/artifact and the dcgan timeline) loads with stock
 * tf.loadLayersModel and outputs [N, 28, 28, 1] in [-1, 1] for the inputs its card describes.
 * A missing committed artifact is a failure, not a skip.
 */
import '@tensorflow/tfjs-backend-cpu';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCard, readGeneratorCard, verifyCardFiles } from '../../../models/artifact/card.node.ts';
import { fileSystemLoadHandler } from '../../../models/artifact/layers-io.node.ts';
import { sha256OfFile } from '../../../models/artifact/sha256.node.ts';
import { generatorInputs } from '../../../models/gan/generator-inputs.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const models = path.join(root, 'models');
const timelineDir = path.join(models, 'dcgan', 'timeline');
/** The shipped timeline: its folder must exist (readdirSync throws otherwise). */
const timelineSteps = readdirSync(timelineDir).filter((d) => d.startsWith('step-'));
const generators = [
  path.join(models, 'dcgan', 'artifact'),
  path.join(models, 'cgan', 'artifact'),
  path.join(models, 'dcgan-plain', 'artifact'),
  ...timelineSteps.map((d) => path.join(timelineDir, d)),
];

/** Every folder under `dir` that holds a card.json (runs/ and node_modules skipped). */
function cardFolders(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'runs' || entry === 'node_modules') continue;
    const full = path.join(dir, entry);
    if (!statSync(full).isDirectory()) continue;
    if (readdirSync(full).includes('card.json')) out.push(full);
    out.push(...cardFolders(full));
  }
  return out;
}
const allCards = [...cardFolders(models), ...cardFolders(path.join(root, 'tests/fixtures/models'))];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('committed model cards', () => {
  it('include the shipped models, their timeline and the island fixtures', () => {
    const names = allCards.map((d) => path.relative(root, d));
    expect(names).toEqual(
      expect.arrayContaining([
        'models/dcgan/artifact',
        'models/cgan/artifact',
        'models/dcgan-plain/artifact',
        'models/classifier/artifact',
        'tests/fixtures/models/islands/dcgan/artifact',
      ]),
    );
    expect(timelineSteps.length).toBeGreaterThanOrEqual(2);
  });

  it.each(allCards.map((d) => [path.relative(root, d), d]))('%s: passes the card schema, SHA-256s and bytes match', (_name, dir) => {
    const card = readCard(dir);
    expect(verifyCardFiles(dir, card)).toEqual([]);
    // The memorisation figure belongs to the card's metrics (with its own SHA-256), not to the download.
    const figure = card.kind === 'generator' ? card.metrics?.memorisation?.figure : undefined;
    if (figure !== undefined) expect(sha256OfFile(path.join(dir, figure.file)), figure.file).toBe(figure.sha256);
    const files = readdirSync(dir).filter((f) => !f.startsWith('card.') && f !== figure?.file);
    expect(Object.keys(card.files).sort()).toEqual(files.sort());
    expect(card.bytes).toBe(files.reduce((s, f) => s + readFileSync(path.join(dir, f)).length, 0));
  });
});

describe('committed generator artifacts', () => {
  it.each(generators.map((a) => [path.relative(models, a), a]))('%s: stock loading, inputs, shape and range', async (_name, dir) => {
    const card = readGeneratorCard(dir);
    expect(card.inputs).toHaveLength(card.conditional ? 2 : 1);
    const model = await tfl.loadLayersModel(fileSystemLoadHandler(path.join(dir, 'model.json')));
    expect(model.countParams()).toBe(card.params);
    expect(model.inputs[0]?.shape).toEqual([null, card.latentDim]);
    expect(model.inputs.length).toBe(card.conditional ? 2 : 1);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.randomNormal([4, card.latentDim]).dataSync() as Float32Array;
      const out = model.predict(
        generatorInputs(z, card.latentDim, card.conditional ? [0, 3, 7, 9] : undefined, card.numClasses),
      ) as tf.Tensor;
      expect(out.shape).toEqual([4, 28, 28, 1]);
      expect(tf.max(out).dataSync()[0]).toBeLessThanOrEqual(1);
      expect(tf.min(out).dataSync()[0]).toBeGreaterThanOrEqual(-1);
    });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('timeline.json lists exactly the committed timeline steps, with losses', () => {
    const timeline = JSON.parse(readFileSync(path.join(timelineDir, 'timeline.json'), 'utf8')) as {
      steps: number[];
      losses: { step: number; d: number; g: number }[];
    };
    const dirs = timelineSteps.map((d) => Number(d.slice(5))).sort((a, b) => a - b);
    expect(timeline.steps).toEqual(dirs);
    expect(timeline.losses.length).toBeGreaterThan(0);
    for (const l of timeline.losses) expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
  });

  it('each timeline snapshot records its step', () => {
    for (const d of timelineSteps) expect(readGeneratorCard(path.join(timelineDir, d)).timelineStep).toBe(Number(d.slice(5)));
  });
});
