/**
 * The eval tool's measuring functions on the island fixtures (random-weight generators) with the
 * shipped classifier and a few hundred MNIST images: they return metrics the card schema
 * accepts, the bars judge them, and quick mode returns no results. The full-size figures are
 * `npm run eval`'s; here the point is that the functions are wired and honest.
 */
import '@tensorflow/tfjs-backend-cpu';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGeneratorCard } from '../../../models/artifact/card.node.ts';
import { generatorMetricsSchema } from '../../../models/artifact/card-schema.ts';
import { loadLayersModelFromDir } from '../../../models/artifact/layers-io.node.ts';
import { loadMnist } from '../../../models/data/mnist.node.ts';
import { evaluateClassifier } from '../../../models/eval/evaluate-classifier.ts';
import { evaluateGenerator, type GeneratorEvalOptions, type ParzenEstimate } from '../../../models/eval/evaluate-generator.ts';
import { measureReferences, type EvalData, type References } from '../../../models/eval/references.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'tests/fixtures/models/islands');
const opts: GeneratorEvalOptions = { samples: 200, seed: 0, parzenSamples: 200, parzenTest: 100, parzenValidation: 100, quick: false };
const record = {
  evaluatedBy: 'test',
  evaluatedAt: new Date(0).toISOString(),
  classifier: { dir: 'x', files: {} },
  backend: 'cpu',
  hardware: 'test',
  wallTimeSeconds: 0,
  timingsSeconds: {},
};

let classifier: tfl.LayersModel;
let data: EvalData;
let refs: References;

beforeAll(async () => {
  await tf.setBackend('cpu');
  classifier = await loadLayersModelFromDir(path.join(root, 'models/classifier/artifact'));
  data = { train: loadMnist('train', { limit: 600 }), test: loadMnist('test', { limit: 300 }) };
  refs = await measureReferences(classifier, data, 200, 0);
}, 120_000);

describe('eval functions on the fixtures', () => {
  it('references: a small floor between training and test features', () => {
    expect(refs.floorImages).toBe(200);
    expect(refs.floor).toBeGreaterThan(0);
    expect(refs.testPredictions).toHaveLength(300);
  });

  it('classifier: accuracy per digit, a bar, and results for the card', () => {
    const { results, bars } = evaluateClassifier(data.test, refs);
    expect(results.testImages).toBe(300);
    expect(results.testAccuracy).toBeGreaterThan(0.95); // the shipped classifier on 300 test images
    expect(results.perDigitAccuracy).toHaveLength(10);
    expect(bars[0]?.bar).toBe('test accuracy >= 99 %');
  });

  it('unconditional generator: histogram, FD far above the floor, Parzen; metrics pass the schema', async () => {
    const dir = path.join(fixtures, 'dcgan/artifact');
    const generator = await loadLayersModelFromDir(dir);
    const before = tf.memory().numTensors;
    const evaluation = await evaluateGenerator(generator, readGeneratorCard(dir), classifier, data, refs, opts);
    expect(tf.memory().numTensors).toBe(before);
    const results = evaluation.results!;
    expect(results.classHistogram.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // Random weights: far from the data, so the FD bar fails and the baseline is of the same order.
    expect(results.frechet.ratioToFloor).toBeGreaterThan(3);
    expect(evaluation.bars.map((b) => b.bar)).toEqual(['every digit 5-15 % of samples', 'Fréchet distance <= 3x floor']);
    expect(evaluation.bars[1]?.pass).toBe(false);
    expect(results.parzen.testImages).toBe(100);
    expect(results.parzen.meanNats).toBeLessThan(results.parzen.trainingImagesAsSamples.meanNats);
    expect(results.agreement).toBeUndefined();
    expect(generatorMetricsSchema.safeParse({ ...results, bars: evaluation.bars, ...record }).success).toBe(true);
    generator.dispose();
  }, 120_000);

  it('the real-data Parzen reference is measured once, kept, and the same when read back', async () => {
    const dir = path.join(fixtures, 'dcgan/artifact');
    const generator = await loadLayersModelFromDir(dir);
    const kept = new Map<string, ParzenEstimate>();
    const parzenReferenceCache = { get: (k: string) => kept.get(k), set: (k: string, v: ParzenEstimate) => void kept.set(k, v) };
    const first = await evaluateGenerator(generator, readGeneratorCard(dir), classifier, data, refs, { ...opts, parzenReferenceCache });
    expect(kept.size).toBe(1);
    expect(first.timings['parzenReference']).toBeGreaterThan(0);
    const second = await evaluateGenerator(generator, readGeneratorCard(dir), classifier, data, refs, { ...opts, parzenReferenceCache });
    expect(second.timings['parzenReference']).toBe(0); // not measured again
    expect(second.results?.parzen.trainingImagesAsSamples).toEqual(first.results?.parzen.trainingImagesAsSamples);
    generator.dispose();
  }, 240_000);

  it('conditional generator: agreement per digit; quick mode measures but returns no results', async () => {
    const dir = path.join(fixtures, 'cgan/artifact');
    const generator = await loadLayersModelFromDir(dir);
    const evaluation = await evaluateGenerator(generator, readGeneratorCard(dir), classifier, data, refs, { ...opts, quick: true });
    expect(evaluation.results).toBeUndefined();
    expect(evaluation.bars.map((b) => b.bar)).toEqual(['classifier agreement >= 98 %']);
    expect(evaluation.rows.some((r) => r[0] === 'agreement with requested digit')).toBe(true);
    expect(evaluation.timings['parzen']).toBeUndefined();
    generator.dispose();
  }, 120_000);
});
