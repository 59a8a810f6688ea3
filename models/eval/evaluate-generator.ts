/**
 * A generator's evaluation, as a function of loaded models and data that returns its metrics:
 * class histogram, Fréchet distance (with the untrained baseline), agreement with the requested
 * digit (conditional), code → digit purity (categorical code), and the Parzen-window
 * log-likelihood with its real-data reference. `npm run eval` (eval.node.ts) loads, calls and
 * writes; tests call it on the fixture artifacts.
 *
 * To add a metric: declare its field in `generatorMetricsSchema` (models/artifact/card-schema.ts),
 * measure it here into `results` (and a row of the table), and, if it has a quality bar, add the
 * predicate to quality.ts and push it onto `bars`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { GeneratorCard, GeneratorResults } from '../artifact/card-schema.ts';
import { FEATURE_DIM } from '../classifier/model.ts';
import type { MnistSet } from '../data/mnist.node.ts';
import { sampleLatents } from '../gan/latent.ts';
import { frechetDistance, gaussianStats } from './frechet.ts';
import { agreement, classCounts, classHistogram, codePurity, proportionalLabels } from './histogram.ts';
import { GOODFELLOW_SIGMA_GRID, meanAndStandardError, parzenLogLikelihoods, selectSigma } from './parzen.ts';
import { agreementBar, frechetBar, histogramBar, type BarResult } from './quality.ts';
import type { EvalData, References } from './references.ts';
import { pct, secondsSince, type Rows } from './report.ts';
import { classify, codesOf, generateSamples, pick, sampleIndices, untrainedCopy } from './sampling.ts';

/** Goodfellow et al. (2014), Table 1, MNIST column: Parzen log-likelihood in nats (mean ± s.e.). */
export const GOODFELLOW_TABLE_1 = [
  { model: 'DBN', nats: 138, se: 2 },
  { model: 'Stacked CAE', nats: 121, se: 1.6 },
  { model: 'Deep GSN', nats: 214, se: 1.1 },
  { model: 'Adversarial nets', nats: 225, se: 2 },
];

/**
 * First training image of the Parzen σ-selection set; the images before it are the reference's
 * kernel centres. A smaller training set (tests) moves it to the end of the set.
 */
const VALIDATION_START = 50_000;

function validationStart(data: EvalData, opts: GeneratorEvalOptions): number {
  return Math.max(0, Math.min(VALIDATION_START, data.train.count - opts.parzenValidation));
}

export interface GeneratorEvalOptions {
  /** Generated samples. */
  readonly samples: number;
  /** Seed of their latents (and of the floor and the baseline's initialisers). */
  readonly seed: number;
  /** Parzen kernel centres (≤ samples). */
  readonly parzenSamples: number;
  /** Test images the Parzen estimate scores. */
  readonly parzenTest: number;
  /** Training images (from 50,000 on) that choose σ. */
  readonly parzenValidation: number;
  /** Histogram, FD, agreement and code purity only: no baseline, no Parzen, no results to write. */
  readonly quick: boolean;
  /**
   * Keeps the real-data Parzen reference between runs: it depends only on the data and the
   * options above, not on the model (eval.node.ts keeps it in a file, keyed also by the data's hash).
   */
  readonly parzenReferenceCache?: {
    get(key: string): ParzenEstimate | undefined;
    set(key: string, value: ParzenEstimate): void;
  };
}

export interface GeneratorEvaluation {
  /** Everything the card's metrics hold about the model; undefined in quick mode. */
  readonly results: GeneratorResults | undefined;
  readonly bars: BarResult[];
  /** Table rows (measure, value, reference) for the terminal and card.md. */
  readonly rows: Rows;
  /** Seconds per stage. */
  readonly timings: Record<string, number>;
}

export type ParzenEstimate = Omit<GeneratorResults['parzen']['trainingImagesAsSamples'], 'kernelCentres'>;

/** [-1, 1] → [0, 1] as a [n, 784] tensor: the pixel scale of the Parzen protocol. */
function toUnitTensor(images: Float32Array, n: number): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.add(tf.tensor2d(images, [n, 784]), 1), 2));
}

/** The Parzen-window estimate of the test set with `kernels` ([n, 784] in [-1, 1]) as centres. */
export async function parzenEstimate(
  kernels: Float32Array,
  data: EvalData,
  opts: GeneratorEvalOptions,
  log: (s: string) => void,
): Promise<ParzenEstimate> {
  const t0 = performance.now();
  const train: MnistSet = data.train;
  const centres = toUnitTensor(kernels.subarray(0, opts.parzenSamples * 784), opts.parzenSamples);
  const start = validationStart(data, opts);
  const valid = toUnitTensor(train.images.subarray(start * 784, (start + opts.parzenValidation) * 784), opts.parzenValidation);
  const testX = toUnitTensor(data.test.images.subarray(0, opts.parzenTest * 784), opts.parzenTest);
  try {
    const sel = await selectSigma(valid, centres, GOODFELLOW_SIGMA_GRID);
    log(`  Parzen σ = ${sel.sigma.toFixed(4)} (validation ${secondsSince(t0)} s)`);
    const [ll] = await parzenLogLikelihoods(testX, centres, [sel.sigma]);
    const r = meanAndStandardError(ll!);
    return {
      meanNats: r.mean,
      standardError: r.standardError,
      sigma: sel.sigma,
      sigmaAtGridEdge: sel.atGridEdge,
      sigmaGrid: [...GOODFELLOW_SIGMA_GRID],
      validationMeanNats: sel.validationMeans,
      kernelSamples: opts.parzenSamples,
      validationImages: `MNIST training images ${start}..${start + opts.parzenValidation - 1}`,
      testImages: opts.parzenTest,
      seconds: secondsSince(t0),
    };
  } finally {
    tf.dispose([centres, valid, testX]);
  }
}

/** Per requested digit, the share of its samples the classifier labels as asked. */
function agreementPerDigit(labels: Int32Array, predictions: Int32Array): number[] {
  return Array.from({ length: 10 }, (_, d) => {
    const req: number[] = [];
    const got: number[] = [];
    labels.forEach((l, i) => {
      if (l === d) {
        req.push(l);
        got.push(predictions[i]!);
      }
    });
    return agreement(req, got);
  });
}

/** How a conditional model's evaluation labels are chosen, in words (the card's `labels`). */
export const PROPORTIONAL_LABELS =
  "in the training set's digit proportions: sample i of N asks for the first digit whose cumulative share of the 60,000 training images exceeds (i + 0.5) / N";

/** Evaluates `generator` (described by `card`) with `classifier` against `refs`. */
export async function evaluateGenerator(
  generator: tfl.LayersModel,
  card: GeneratorCard,
  classifier: tfl.LayersModel,
  data: EvalData,
  refs: References,
  opts: GeneratorEvalOptions,
  log: (s: string) => void = () => {},
): Promise<GeneratorEvaluation> {
  const { latentDim, conditional } = card;
  const timings: Record<string, number> = {};
  // A conditional model is asked for digits in the training set's proportions (proportionalLabels).
  const labels = conditional ? proportionalLabels(opts.samples, classCounts(data.train.labels, card.numClasses)) : undefined;

  let t = performance.now();
  const samples = await generateSamples(generator, latentDim, opts.samples, opts.seed, labels);
  timings['generate'] = secondsSince(t);
  t = performance.now();
  const out = await classify(classifier, samples, opts.samples);
  const histogram = classHistogram(out.predictions);
  const fd = frechetDistance(gaussianStats(out.features, FEATURE_DIM), refs.testStats);
  timings['classify'] = secondsSince(t);

  // Bad baseline: the same topology (from the artifact's model.json) with fresh initial weights.
  let baseline = Number.NaN;
  if (!opts.quick) {
    t = performance.now();
    tf.util.assert(generator.inputs.length === (conditional ? 2 : 1), () => 'unexpected generator inputs');
    const untrained = await untrainedCopy(generator, opts.seed);
    const baseOut = await classify(classifier, await generateSamples(untrained, latentDim, opts.samples, opts.seed, labels), opts.samples);
    untrained.dispose();
    baseline = frechetDistance(gaussianStats(baseOut.features, FEATURE_DIM), refs.testStats);
    timings['baseline'] = secondsSince(t);
  }
  log(
    `  FD model ${fd.toFixed(4)}, floor ${refs.floor.toFixed(4)}, untrained ${baseline.toFixed(4)}  [generate ${timings['generate']} s, classify ${timings['classify']} s, baseline ${timings['baseline'] ?? '-'} s]`,
  );

  const bars: BarResult[] = [];
  const agree =
    labels === undefined ? undefined : { rate: agreement(labels, out.predictions), perDigit: agreementPerDigit(labels, out.predictions) };
  if (agree !== undefined) bars.push(agreementBar(agree.rate));
  else bars.push(histogramBar(histogram), frechetBar(fd, refs.floor));

  // A categorical code in z (InfoGAN or self-conditioned): which digit each code value draws.
  // (A conditional model's sub-cluster code picks a group within the requested digit: no purity to measure.)
  const code =
    card.latentCode === undefined || conditional
      ? undefined
      : codePurity(
          codesOf(sampleLatents(opts.seed, opts.samples, latentDim), latentDim, card.latentCode.size, card.latentCode.offsets),
          out.predictions,
          card.latentCode.size,
        );

  const rows: Rows = [['measure', 'value', 'reference']];
  rows.push(['class histogram', histogram.map((h, d) => `${d}:${pct(h, 1)}`).join(' '), 'ideal ~10 % each (5-15 % bar)']);
  rows.push([
    'Fréchet distance (classifier features)',
    fd.toFixed(4),
    `floor ${refs.floor.toFixed(4)}; untrained ${baseline.toFixed(4)}; ratio ${(fd / refs.floor).toFixed(2)}x`,
  ]);
  if (code !== undefined) {
    rows.push([
      'code → digit (code learnt without labels)',
      `purity ${pct(code.purity)}; ${code.digitsCovered} distinct digits`,
      code.perCode.map((c) => `c${c.code}:${c.digit} ${pct(c.share, 0)}`).join(' '),
    ]);
  }
  if (agree !== undefined)
    rows.push(['agreement with requested digit', pct(agree.rate, 2), agree.perDigit.map((a, d) => `${d}:${pct(a, 0)}`).join(' ')]);
  if (opts.quick) return { results: undefined, bars, rows, timings };

  log('  Parzen window (samples as kernel centres) …');
  const pz = await parzenEstimate(samples, data, opts, log);
  timings['parzen'] = pz.seconds;
  // Reference: the same protocol with real training images (0..49999, seeded choice) as the kernel centres.
  log('  Parzen window (real training images as kernel centres, reference) …');
  const centresEnd = validationStart(data, opts);
  const refIdx = sampleIndices(centresEnd, Math.min(opts.parzenSamples, centresEnd), `parzen-reference-${opts.seed}`);
  const referenceKey = JSON.stringify([
    opts.seed,
    opts.parzenSamples,
    opts.parzenTest,
    opts.parzenValidation,
    data.train.count,
    data.test.count,
  ]);
  let pzReal = opts.parzenReferenceCache?.get(referenceKey);
  if (pzReal === undefined) {
    pzReal = await parzenEstimate(pick(data.train, refIdx), data, opts, log);
    opts.parzenReferenceCache?.set(referenceKey, pzReal);
    timings['parzenReference'] = pzReal.seconds;
  } else {
    log(`  (kept from an earlier run of the same protocol on the same data: ${pzReal.meanNats.toFixed(1)} nats)`);
    timings['parzenReference'] = 0;
  }
  rows.push([
    'Parzen log-likelihood (nats)',
    `${pz.meanNats.toFixed(1)} ± ${pz.standardError.toFixed(1)}`,
    `σ ${pz.sigma.toFixed(4)}; Goodfellow 2014 GAN 225 ± 2`,
  ]);
  rows.push([
    '  same with training images as samples',
    `${pzReal.meanNats.toFixed(1)} ± ${pzReal.standardError.toFixed(1)}`,
    `σ ${pzReal.sigma.toFixed(4)}; real-data reference`,
  ]);

  const results: GeneratorResults = {
    samples: opts.samples,
    latentSeed: opts.seed,
    latents: `sampleLatents(${opts.seed}, ${opts.samples}, ${latentDim}) from models/gan/latent.ts`,
    labels: conditional ? PROPORTIONAL_LABELS : null,
    classHistogram: histogram,
    frechet: {
      model: fd,
      floorTrainVsTest: refs.floor,
      untrainedBaseline: baseline,
      ratioToFloor: fd / refs.floor,
      features: `classifier layer "features" (${FEATURE_DIM} ReLU units), float64 means and covariances`,
      testImages: data.test.count,
      floorTrainImages: refs.floorImages,
      baseline: `same topology (artifact model.json) with fresh initial weights (initialiser seeds ${opts.seed}·1000 + k, k = 1, 2, …), same latents`,
    },
    ...(agree === undefined ? {} : { agreement: agree }),
    ...(code === undefined
      ? {}
      : {
          latentCode: {
            ...code,
            measure:
              "per code value, the digit the classifier sees most often and its share; purity = share of all samples that show their code's majority digit",
          },
        }),
    parzen: {
      ...pz,
      units: 'nats, pixels in [0, 1], mean ± standard error (std / √m) over test images',
      protocol:
        'Goodfellow et al. 2014 / Breuleux et al. 2011: Gaussian kernels on generated samples; σ = argmax over numpy.logspace(-1, 0, 10) of mean validation log-likelihood',
      reference: GOODFELLOW_TABLE_1,
      trainingImagesAsSamples: {
        ...pzReal,
        kernelCentres: `${refIdx.length} MNIST training images from 0..${centresEnd - 1} (seeded choice)`,
      },
    },
  };
  return { results, bars, rows, timings };
}
