/**
 * Every committed generator artifact (models/{dcgan,cgan}/artifact and the dcgan timeline)
 * loads with stock tf.loadLayersModel, outputs [N, 28, 28, 1] in [-1, 1], matches the
 * SHA-256s in its card and the card's input description.
 */
import '@tensorflow/tfjs-backend-cpu';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSystemLoadHandler, sha256OfFile } from '../../../models/runtime/model-io.node';

const models = path.resolve(import.meta.dirname, '../../../models');
const timelineDir = path.join(models, 'dcgan', 'timeline');
const artifacts = [
  path.join(models, 'dcgan', 'artifact'),
  path.join(models, 'cgan', 'artifact'),
  ...(existsSync(timelineDir)
    ? readdirSync(timelineDir)
        .filter((d) => d.startsWith('step-'))
        .map((d) => path.join(timelineDir, d))
    : []),
].filter((dir) => existsSync(path.join(dir, 'card.json')));

interface Card {
  name: string;
  kind: string;
  latentDim: number;
  conditional: boolean;
  numClasses: number;
  prior: string;
  files: Record<string, string>;
  bytes: number;
  params: number;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('committed generator artifacts', () => {
  it('include both shipped generators', () => {
    expect(artifacts.map((a) => path.relative(models, a))).toEqual(expect.arrayContaining(['dcgan/artifact', 'cgan/artifact']));
  });

  it.each(artifacts.map((a) => [path.relative(models, a), a]))('%s: SHA-256s, stock loading, shape and range', async (_name, dir) => {
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as Card;
    expect(card.kind).toBe('generator');
    expect(card.prior).toBe('normal');
    const files = readdirSync(dir).filter((f) => !f.startsWith('card.'));
    expect(Object.keys(card.files).sort()).toEqual(files.sort());
    for (const [file, sha] of Object.entries(card.files)) expect(sha256OfFile(path.join(dir, file)), file).toBe(sha);
    expect(card.bytes).toBe(files.reduce((s, f) => s + readFileSync(path.join(dir, f)).length, 0));

    const model = await tfl.loadLayersModel(fileSystemLoadHandler(path.join(dir, 'model.json')));
    expect(model.countParams()).toBe(card.params);
    expect(model.inputs[0]?.shape).toEqual([null, card.latentDim]);
    expect(model.inputs.length).toBe(card.conditional ? 2 : 1);
    tf.tidy(() => {
      const z = tf.randomNormal([4, card.latentDim]);
      const inputs = card.conditional ? [z, tf.cast(tf.oneHot(tf.tensor1d([0, 3, 7, 9], 'int32'), card.numClasses), 'float32')] : z;
      const out = model.predict(inputs) as tf.Tensor;
      expect(out.shape).toEqual([4, 28, 28, 1]);
      expect(tf.max(out).dataSync()[0]).toBeLessThanOrEqual(1);
      expect(tf.min(out).dataSync()[0]).toBeGreaterThanOrEqual(-1);
    });
    model.dispose();
  });

  it('timeline.json lists exactly the committed timeline steps, with losses', () => {
    if (!existsSync(path.join(timelineDir, 'timeline.json'))) return;
    const timeline = JSON.parse(readFileSync(path.join(timelineDir, 'timeline.json'), 'utf8')) as { steps: number[]; losses: { step: number; d: number; g: number }[] };
    const dirs = readdirSync(timelineDir).filter((d) => d.startsWith('step-')).map((d) => Number(d.slice(5))).sort((a, b) => a - b);
    expect(timeline.steps).toEqual(dirs);
    expect(timeline.steps.length).toBeGreaterThanOrEqual(2);
    expect(timeline.losses.length).toBeGreaterThan(0);
    for (const l of timeline.losses) expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
  });
});
