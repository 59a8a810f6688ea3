/**
 * The memorisation check of a generator artifact (models/eval/memorisation.ts), in Node: loads
 * MNIST and the classifier, generates seeded samples, measures nearest-training distances for
 * them and for test images, and draws the figure (samples beside their nearest training images).
 *
 * `npx tsx models/eval/memorisation.node.ts <artifact dir> [--samples 1000] [--seed 0]
 *   [--test-images 1000] [--figure FILE]` prints the summary as JSON; `npm run eval` runs the
 * same check and writes it into the card.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadLayersModelFromDir } from '../artifact/layers-io.node.ts';
import { FEATURE_DIM } from '../classifier/model.ts';
import { loadMnist, type MnistSet } from '../data/mnist.node.ts';
import { tileGrid, unitRangeToUint8 } from '../gan/images.ts';
import { classify, generateSamples } from './sampling.ts';
import { useBackend } from '../tfjs-node/backend.node.ts';
import { sha256OfFile } from '../artifact/sha256.node.ts';
import type { Memorisation } from '../artifact/card-schema.ts';
import { balancedLabels } from './histogram.ts';
import { memorisationBar, type BarResult } from './quality.ts';
import { figureSelection, memorisationCheck, type MemorisationResult, type SpaceSummary } from './memorisation.ts';

/** Columns of the figure: the most copy-like samples, then typical ones. */
export const FIGURE_CLOSEST = 12;
export const FIGURE_TYPICAL = 12;
export const FIGURE_FILE = 'memorisation.png';

export interface MemorisationOptions {
  /** generated samples (seeded latents `sampleLatents(seed, samples, latentDim)`) */
  readonly samples: number;
  readonly seed: number;
  /** first test images used as the reference */
  readonly testImages: number;
  /** training images searched (first n; default all 60,000) */
  readonly trainImages?: number;
}

/** What goes into the card (`memorisation`), without the per-sample arrays. */
export type MemorisationSummary = {
  readonly samples: number;
  readonly latents: string;
  readonly testImages: number;
  readonly trainImages: number;
  readonly pixels: SpaceSummary & { readonly space: string };
  readonly features: SpaceSummary & { readonly space: string };
  readonly copying: boolean;
  readonly verdict: 'no copying detected' | 'copying';
  readonly rule: string;
  readonly seconds: number;
  /** where the time went: classifier features of the training images (cached per process), generation, the distances */
  readonly timingsSeconds: { readonly trainFeatures: number; readonly generateAndFeatures: number; readonly distances: number };
};

/** Classifier features of images in [-1, 1], [n, 784] → [n, FEATURE_DIM]. */
export async function featuresOf(classifier: tfl.LayersModel, images: Float32Array): Promise<Float32Array> {
  return (await classify(classifier, images, images.length / 784)).features;
}

function rows(set: Float32Array, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * 784);
  indices.forEach((k, i) => out.set(set.subarray(k * 784, (k + 1) * 784), i * 784));
  return out;
}

/**
 * The figure: one column per shown sample; rows: the sample, its nearest training image in
 * pixels, its nearest training image in classifier features. Grey gaps between tiles.
 * @returns PNG bytes (greyscale) and the generated sample indices shown, in column order
 */
export function memorisationFigure(
  generated: Float32Array,
  train: Float32Array,
  result: MemorisationResult,
): { png: Uint8Array; shown: number[] } {
  const shown = figureSelection(result.generatedNearest.pixels.distances, FIGURE_CLOSEST, FIGURE_TYPICAL);
  const px = shown.map((i) => result.generatedNearest.pixels.indices[i]!);
  const ft = shown.map((i) => result.generatedNearest.features.indices[i]!);
  const tiles = new Float32Array(3 * shown.length * 784);
  tiles.set(rows(generated, shown), 0);
  tiles.set(rows(train, px), shown.length * 784);
  tiles.set(rows(train, ft), 2 * shown.length * 784);
  const grid = tileGrid(unitRangeToUint8(tiles), 3 * shown.length, 28, 28, shown.length, 2, 128);
  const png = new PNG({ width: grid.width, height: grid.height });
  for (let i = 0; i < grid.data.length; i++) {
    const v = grid.data[i]!;
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return { png: PNG.sync.write(png, { colorType: 0 }), shown };
}

/** Training set's features, computed once per process (60,000 images: the check's largest cost). */
const trainFeatureCache = new Map<string, Float32Array>();

/**
 * Runs the check on `generator` against MNIST, with `classifier`'s features.
 * @returns the card summary, the per-sample result and the generated samples (for the figure)
 */
export async function checkGenerator(
  generator: tfl.LayersModel,
  card: { latentDim: number; conditional: boolean },
  classifier: tfl.LayersModel,
  mnist: { train: MnistSet; test: MnistSet },
  opts: MemorisationOptions,
): Promise<{ summary: MemorisationSummary; result: MemorisationResult; generated: Float32Array; train: Float32Array }> {
  const t0 = performance.now();
  const trainCount = Math.min(opts.trainImages ?? mnist.train.count, mnist.train.count);
  const train = mnist.train.images.subarray(0, trainCount * 784);
  const test = mnist.test.images.subarray(0, Math.min(opts.testImages, mnist.test.count) * 784);
  const key = `${classifier.name}:${trainCount}`;
  const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
  let trainFeatures = trainFeatureCache.get(key);
  if (trainFeatures === undefined) {
    trainFeatures = await featuresOf(classifier, train);
    trainFeatureCache.set(key, trainFeatures);
  }
  const trainFeaturesSeconds = seconds(t0);
  const t1 = performance.now();
  const generated = await generateSamples(
    generator,
    card.latentDim,
    opts.samples,
    opts.seed,
    card.conditional ? balancedLabels(opts.samples) : undefined,
  );
  const generatedFeatures = await featuresOf(classifier, generated);
  const testFeatures = await featuresOf(classifier, test);
  const generateSeconds = seconds(t1);
  const t2 = performance.now();
  const result = await memorisationCheck({
    generated: { pixels: generated, features: generatedFeatures },
    test: { pixels: test, features: testFeatures },
    train: { pixels: train, features: trainFeatures },
    featureDim: FEATURE_DIM,
  });
  const summary: MemorisationSummary = {
    samples: opts.samples,
    latents: `sampleLatents(${opts.seed}, ${opts.samples}, ${card.latentDim}) from models/gan/latent.ts${card.conditional ? ', digit i mod 10 requested' : ''}`,
    testImages: test.length / 784,
    trainImages: trainCount,
    pixels: { space: 'pixels in [0, 1], Euclidean (784-d)', ...result.pixels },
    features: { space: `classifier layer "features" (${FEATURE_DIM} ReLU units), Euclidean`, ...result.features },
    copying: result.copying,
    verdict: result.copying ? 'copying' : 'no copying detected',
    rule: result.rule,
    seconds: seconds(t0),
    timingsSeconds: { trainFeatures: trainFeaturesSeconds, generateAndFeatures: generateSeconds, distances: seconds(t2) },
  };
  return { summary, result, generated, train };
}

/** Writes the figure into `dir` and describes it for the card. */
export function writeFigure(
  dir: string,
  generated: Float32Array,
  train: Float32Array,
  result: MemorisationResult,
): { file: string; sha256: string; layout: string; samplesShown: number[] } {
  const { png, shown } = memorisationFigure(generated, train, result);
  const file = path.join(dir, FIGURE_FILE);
  writeFileSync(file, png);
  return {
    file: FIGURE_FILE,
    sha256: sha256OfFile(file),
    layout: `${shown.length} columns, one per generated sample: the ${FIGURE_CLOSEST} samples closest to a training image in pixels, then the first ${FIGURE_TYPICAL} others; rows: the sample, its nearest training image in pixels, its nearest training image in classifier features`,
    samplesShown: shown,
  };
}

/**
 * The check as `npm run eval` runs it: the summary for the card's `metrics.memorisation` (with
 * the figure written into `dir` when `write`), a table row and a bar.
 */
export async function memorisationForEval(
  generator: tfl.LayersModel,
  card: { latentDim: number; conditional: boolean },
  classifier: tfl.LayersModel,
  mnist: { train: MnistSet; test: MnistSet },
  opts: MemorisationOptions & { dir: string; write: boolean },
): Promise<{ summary: Memorisation & MemorisationSummary; row: string[]; bar: BarResult }> {
  const { summary, result, generated, train } = await checkGenerator(generator, card, classifier, mnist, opts);
  const figure = opts.write ? writeFigure(opts.dir, generated, train, result) : undefined;
  const share = (x: number) => `${(100 * x).toFixed(1)} %`;
  const measured =
    `below the test 1st percentile: pixels ${share(summary.pixels.fractionBelowTestP1)}, features ${share(summary.features.fractionBelowTestP1)} (flag > 5 %); ` +
    `median ratio pixels ${summary.pixels.medianRatio.toFixed(2)}, features ${summary.features.medianRatio.toFixed(2)}`;
  return {
    summary: { ...summary, ...(figure === undefined ? {} : { figure }) },
    row: [`nearest training image (${summary.samples} samples vs ${summary.trainImages} training images)`, summary.verdict, measured],
    bar: memorisationBar(summary.copying, measured),
  };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      samples: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '0' },
      'test-images': { type: 'string', default: '1000' },
      figure: { type: 'string' },
    },
  });
  const dir = positionals[0];
  if (dir === undefined)
    throw new Error(
      'usage: npx tsx models/eval/memorisation.node.ts <artifact dir> [--samples 1000] [--seed 0] [--test-images 1000] [--figure FILE]',
    );
  await useBackend('wasm');
  const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as { latentDim: number; conditional: boolean };
  const classifier = await loadLayersModelFromDir(
    path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'classifier', 'artifact'),
  );
  const generator = await loadLayersModelFromDir(dir);
  const opts = { samples: Number(values.samples), seed: Number(values.seed), testImages: Number(values['test-images']) };
  const { summary, result, generated, train } = await checkGenerator(
    generator,
    card,
    classifier,
    { train: loadMnist('train'), test: loadMnist('test') },
    opts,
  );
  if (values.figure !== undefined) {
    const { png } = memorisationFigure(generated, train, result);
    writeFileSync(values.figure, png);
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`memorisation: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
