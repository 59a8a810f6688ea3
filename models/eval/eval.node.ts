/**
 * `npm run eval -- <dcgan|cgan|classifier> [--samples 10000] [--seed 0]
 *   [--parzen-samples N] [--parzen-test N] [--parzen-validation N] [--no-write] [--artifact DIR] [--quick]`
 *
 * Evaluates a committed artifact with the project's classifier and writes the
 * results into its model card (`metrics` in card.json, the metrics block of
 * card.md). Weight files and their SHA-256 entries are never touched.
 *
 * Generators: class histogram of `--samples` seeded samples; Fréchet distance of
 * classifier features vs the MNIST test set, beside the floor (training images
 * vs test set) and an untrained generator of the same architecture; for the
 * conditional model the agreement with the requested digit (balanced labels);
 * the Parzen-window log-likelihood of the test set (Goodfellow et al. 2014).
 * Classifier: test accuracy, per-digit accuracy, and the Fréchet floor.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist, type MnistSet } from '../data/mnist.node.ts';
import { codeOf } from '../gan/architectures.ts';
import { sampleLatents } from '../gan/latent.ts';
import { useBackend } from '../runtime/backend.node.ts';
import { loadLayersModelFromDir } from '../classifier/load.node.ts';
import { FEATURE_DIM, classifyWithFeatures } from '../classifier/model.ts';
import { readCard, verifyCardFiles, writeCardJson, writeMetricsSection, type Card } from './card.node.ts';
import { frechetDistance, gaussianStats } from './frechet.ts';
import { agreement, balancedLabels, classHistogram, codePurity } from './histogram.ts';
import { GOODFELLOW_SIGMA_GRID, meanAndStandardError, parzenLogLikelihoods, selectSigma } from './parzen.ts';
import { agreementBar, frechetBar, histogramBar, type BarResult } from './quality.ts';

const MODELS = ['dcgan', 'cgan', 'classifier'] as const;
type ModelName = (typeof MODELS)[number];
const modelsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const artifactDir = (name: ModelName): string => path.join(modelsDir, name, 'artifact');

/** Goodfellow et al. (2014), Table 1, MNIST column: Parzen log-likelihood in nats (mean ± s.e.). */
const GOODFELLOW_TABLE_1 = [
  { model: 'DBN', nats: 138, se: 2 },
  { model: 'Stacked CAE', nats: 121, se: 1.6 },
  { model: 'Deep GSN', nats: 214, se: 1.1 },
  { model: 'Adversarial nets', nats: 225, se: 2 },
] as const;

class UsageError extends Error {}

interface Options {
  name: ModelName;
  samples: number;
  seed: number;
  parzenSamples: number;
  parzenTest: number;
  parzenValidation: number;
  write: boolean;
  /** Artifact folder to evaluate instead of models/<name>/artifact (fixtures, candidates). */
  artifact: string | undefined;
  /** Histogram, FD and agreement only: no baseline, no Parzen, nothing written (watching a training). */
  quick: boolean;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        samples: { type: 'string', default: '10000' },
        seed: { type: 'string', default: '0' },
        'parzen-samples': { type: 'string' },
        'parzen-test': { type: 'string', default: '10000' },
        'parzen-validation': { type: 'string', default: '10000' },
        'no-write': { type: 'boolean', default: false },
        artifact: { type: 'string' },
        quick: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const name = positionals[0];
  if (positionals.length !== 1 || !MODELS.includes(name as ModelName)) {
    throw new UsageError(`expected one model name out of ${MODELS.join(', ')}; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  }
  const int = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer in [${min}, ${max}], got ${v}`);
    return n;
  };
  const samples = int('samples', values.samples, 100, 100_000);
  return {
    name: name as ModelName,
    samples,
    seed: int('seed', values.seed, 0, 2 ** 31 - 1),
    parzenSamples: int('parzen-samples', values['parzen-samples'] ?? String(samples), 1, samples),
    parzenTest: int('parzen-test', values['parzen-test'], 1, 10_000),
    parzenValidation: int('parzen-validation', values['parzen-validation'], 1, 10_000),
    write: !values['no-write'] && !values.quick,
    artifact: values.artifact,
    quick: values.quick,
  };
}

const seconds = (t0: number): number => Math.round((performance.now() - t0) / 100) / 10;
const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)} %`;

/** Classifier features and predictions of images in [-1, 1], row-major [n, 784]. */
async function classify(classifier: tfl.LayersModel, images: Float32Array, n: number) {
  const x = tf.tensor4d(images, [n, 28, 28, 1]);
  try {
    return await classifyWithFeatures(classifier, x);
  } finally {
    x.dispose();
  }
}

/**
 * A copy of a layers topology in which every unseeded config (`seed: null`: initialisers, dropout) gets
 * seeds seed·1000 + 1, 2, 3, … in document order, so the untrained baseline is the
 * same network on every run.
 */
function seedInitializers(topology: unknown, seed: number): unknown {
  let next = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    if ('seed' in out && out['seed'] === null) out['seed'] = seed * 1000 + ++next; // from 1: TF.js treats seed 0 as no seed
    return out;
  };
  return walk(topology);
}

/** `count` distinct indices of [0, n), seeded. */
function sampleIndices(n: number, count: number, seed: string): Int32Array {
  const rng = seedrandom(seed);
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, count);
}

function pick(set: MnistSet, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length * 784);
  indices.forEach((k, i) => out.set(set.images.subarray(k * 784, (k + 1) * 784), i * 784));
  return out;
}

/** Runs a generator over seeded latents (and labels) in batches; returns [n, 784] in [-1, 1]. */
async function generate(generator: tfl.LayersModel, latentDim: number, n: number, seed: number, labels?: Int32Array): Promise<Float32Array> {
  const z = sampleLatents(seed, n, latentDim);
  const out = new Float32Array(n * 784);
  const batch = 500;
  for (let s = 0; s < n; s += batch) {
    const b = Math.min(batch, n - s);
    const y = tf.tidy(() => {
      const zt = tf.tensor2d(z.subarray(s * latentDim, (s + b) * latentDim), [b, latentDim]);
      const inputs = labels === undefined ? zt : [zt, tf.oneHot(tf.tensor1d(labels.subarray(s, s + b), 'int32'), 10)];
      return tf.clipByValue(generator.predict(inputs) as tf.Tensor, -1, 1);
    });
    out.set(await y.data(), s * 784);
    y.dispose();
  }
  return out;
}

/** Code value per latent, as the model's "code" layer reads it (`codeOf` of the GAN library). */
function codesOf(z: Float32Array, latentDim: number, k: number, offsets: readonly number[] | undefined): Int32Array {
  const codes = tf.tidy(() => tf.argMax(codeOf(tf.tensor2d(z, [z.length / latentDim, latentDim]), k, offsets), 1));
  const values = codes.dataSync() as Int32Array;
  codes.dispose();
  return values;
}

/** [-1, 1] → [0, 1] as a [n, 784] tensor: the pixel scale of the Parzen protocol. */
function toUnitTensor(images: Float32Array, n: number): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.add(tf.tensor2d(images, [n, 784]), 1), 2));
}

interface ParzenResult {
  meanNats: number;
  standardError: number;
  sigma: number;
  sigmaAtGridEdge: boolean;
  sigmaGrid: number[];
  validationMeanNats: number[];
  kernelSamples: number;
  validationImages: string;
  testImages: number;
  seconds: number;
}

async function parzen(samples: Float32Array, opts: Options, train: MnistSet, test: MnistSet, log: (s: string) => void): Promise<ParzenResult> {
  const t0 = performance.now();
  const centres = toUnitTensor(samples.subarray(0, opts.parzenSamples * 784), opts.parzenSamples);
  const valid = toUnitTensor(train.images.subarray(50_000 * 784, (50_000 + opts.parzenValidation) * 784), opts.parzenValidation);
  const testX = toUnitTensor(test.images.subarray(0, opts.parzenTest * 784), opts.parzenTest);
  try {
    const sel = await selectSigma(valid, centres, GOODFELLOW_SIGMA_GRID);
    log(`  Parzen σ = ${sel.sigma.toFixed(4)} (validation ${seconds(t0)} s)`);
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
      validationImages: `MNIST training images 50000..${50_000 + opts.parzenValidation - 1}`,
      testImages: opts.parzenTest,
      seconds: seconds(t0),
    };
  } finally {
    tf.dispose([centres, valid, testX]);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const log = (s: string): void => console.log(s);
  const dir = opts.artifact !== undefined ? path.resolve(opts.artifact) : artifactDir(opts.name);
  const card = readCard(dir);
  const problems = verifyCardFiles(dir, card);
  if (problems.length > 0) throw new Error(`${dir}: ${problems.join('; ')}`);
  const classifierDir = artifactDir('classifier');
  const started = performance.now();
  const timings: Record<string, number> = {};
  const backend = await useBackend('wasm');

  let t = performance.now();
  const train = loadMnist('train');
  const test = loadMnist('test');
  const classifier = await loadLayersModelFromDir(classifierDir);
  const testOut = await classify(classifier, test.images, test.count);
  const testStats = gaussianStats(testOut.features, FEATURE_DIM);
  // Floor: 10,000 training images (seeded choice) vs the 10,000 test images.
  const floorIdx = sampleIndices(train.count, Math.min(opts.samples, train.count), `floor-${opts.seed}`);
  const floorStats = gaussianStats((await classify(classifier, pick(train, floorIdx), floorIdx.length)).features, FEATURE_DIM);
  const floor = frechetDistance(floorStats, testStats);
  timings.referenceFeatures = seconds(t);
  log(`${opts.name}: Fréchet floor (${floorIdx.length} train vs ${test.count} test) = ${floor.toFixed(4)}  [${timings.referenceFeatures} s]`);

  const bars: BarResult[] = [];
  const rows: string[][] = [['measure', 'value', 'reference']];
  let metrics: Record<string, unknown>;

  if (opts.name === 'classifier') {
    let correct = 0;
    const perDigit = new Array<number>(10).fill(0);
    const perDigitN = new Array<number>(10).fill(0);
    for (let i = 0; i < test.count; i++) {
      const l = test.labels[i]!;
      perDigitN[l]! += 1;
      if (testOut.predictions[i] === l) {
        correct++;
        perDigit[l]! += 1;
      }
    }
    const acc = correct / test.count;
    bars.push({ bar: 'test accuracy >= 99 %', pass: acc >= 0.99, measured: pct(acc, 2) });
    rows.push(['test accuracy (shipped weights)', pct(acc, 2), '>= 99 %']);
    perDigit.forEach((c, d) => rows.push([`  digit ${d}`, pct(c / perDigitN[d]!, 2), `${perDigitN[d]} images`]));
    rows.push(['Fréchet floor (train vs test)', floor.toFixed(4), `${floorIdx.length} vs ${test.count} images`]);
    metrics = {
      testAccuracy: acc,
      testImages: test.count,
      perDigitAccuracy: perDigit.map((c, d) => c / perDigitN[d]!),
      frechetFloor: floor,
    };
  } else {
    const latentDim = Number(card.latentDim);
    const conditional = card.conditional === true;
    if (!Number.isInteger(latentDim) || latentDim < 1) throw new Error(`${dir}/card.json: latentDim missing`);
    const generator = await loadLayersModelFromDir(dir);
    const labels = conditional ? balancedLabels(opts.samples) : undefined;

    t = performance.now();
    const samples = await generate(generator, latentDim, opts.samples, opts.seed, labels);
    timings.generate = seconds(t);
    t = performance.now();
    const out = await classify(classifier, samples, opts.samples);
    const histogram = classHistogram(out.predictions);
    const fd = frechetDistance(gaussianStats(out.features, FEATURE_DIM), testStats);
    timings.classify = seconds(t);

    // Bad baseline: the same topology (from the artifact's model.json) with fresh initial weights.
    let baseline = Number.NaN;
    if (!opts.quick) {
      t = performance.now();
      tf.util.assert(generator.inputs.length === (conditional ? 2 : 1), () => 'unexpected generator inputs');
      const topology = seedInitializers(generator.toJSON(null, false), opts.seed) as Parameters<typeof tfl.models.modelFromJSON>[0];
      const untrained = await tfl.models.modelFromJSON(topology);
      const baseSamples = await generate(untrained, latentDim, opts.samples, opts.seed, labels);
      const baseOut = await classify(classifier, baseSamples, opts.samples);
      baseline = frechetDistance(gaussianStats(baseOut.features, FEATURE_DIM), testStats);
      timings.baseline = seconds(t);
    }
    log(`  FD model ${fd.toFixed(4)}, floor ${floor.toFixed(4)}, untrained ${baseline.toFixed(4)}  [generate ${timings.generate} s, classify ${timings.classify} s, baseline ${timings.baseline ?? '-'} s]`);

    let agree: { rate: number; perDigit: number[] } | undefined;
    if (conditional && labels !== undefined) {
      const perDigit = Array.from({ length: 10 }, (_, d) => {
        const req: number[] = [];
        const got: number[] = [];
        labels.forEach((l, i) => {
          if (l === d) {
            req.push(l);
            got.push(out.predictions[i]!);
          }
        });
        return agreement(req, got);
      });
      agree = { rate: agreement(labels, out.predictions), perDigit };
      bars.push(agreementBar(agree.rate));
    } else {
      bars.push(histogramBar(histogram));
      bars.push(frechetBar(fd, floor));
    }

    // A categorical code in z (InfoGAN or self-conditioned): which digit each code value draws.
    const latentCode = card['latentCode'] as { size?: number; offsets?: number[] } | undefined;
    const codeSize = Number(latentCode?.size ?? 0);
    const code = codeSize > 0 ? codePurity(codesOf(sampleLatents(opts.seed, opts.samples, latentDim), latentDim, codeSize, latentCode?.offsets), out.predictions, codeSize) : undefined;

    let pz: ParzenResult | undefined;
    let pzReal: ParzenResult | undefined;
    if (!opts.quick) {
      log('  Parzen window (samples as kernel centres) …');
      pz = await parzen(samples, opts, train, test, log);
      timings.parzen = pz.seconds;
      // Reference: the same protocol with real training images (0..49999, seeded choice) as the kernel centres.
      log('  Parzen window (real training images as kernel centres, reference) …');
      const refIdx = sampleIndices(50_000, opts.parzenSamples, `parzen-reference-${opts.seed}`);
      pzReal = await parzen(pick(train, refIdx), opts, train, test, log);
      timings.parzenReference = pzReal.seconds;
    }

    rows.push(['class histogram', histogram.map((h, d) => `${d}:${pct(h, 1)}`).join(' '), 'ideal ~10 % each (5-15 % bar)']);
    rows.push(['Fréchet distance (classifier features)', fd.toFixed(4), `floor ${floor.toFixed(4)}; untrained ${baseline.toFixed(4)}; ratio ${(fd / floor).toFixed(2)}x`]);
    if (code !== undefined) {
      rows.push(['code → digit (code learnt without labels)', `purity ${pct(code.purity)}; ${code.digitsCovered} distinct digits`, code.perCode.map((c) => `c${c.code}:${c.digit} ${pct(c.share, 0)}`).join(' ')]);
    }
    if (agree !== undefined) {
      rows.push(['agreement with requested digit', pct(agree.rate, 2), agree.perDigit.map((a, d) => `${d}:${pct(a, 0)}`).join(' ')]);
    }
    if (opts.quick || pz === undefined || pzReal === undefined) {
      for (const b of bars) rows.push([`bar: ${b.bar}`, b.pass ? 'PASS' : 'FAIL', b.measured]);
      log(`\n${table(rows)}\n(--quick: no baseline, no Parzen, card left unchanged; ${seconds(started)} s)`);
      return;
    }
    rows.push(['Parzen log-likelihood (nats)', `${pz.meanNats.toFixed(1)} ± ${pz.standardError.toFixed(1)}`, `σ ${pz.sigma.toFixed(4)}; Goodfellow 2014 GAN 225 ± 2`]);
    rows.push(['  same with training images as samples', `${pzReal.meanNats.toFixed(1)} ± ${pzReal.standardError.toFixed(1)}`, `σ ${pzReal.sigma.toFixed(4)}; real-data reference`]);

    metrics = {
      samples: opts.samples,
      latentSeed: opts.seed,
      latents: `sampleLatents(${opts.seed}, ${opts.samples}, ${latentDim}) from models/gan/latent.ts`,
      labels: conditional ? 'balanced: sample i asks for digit i mod 10' : null,
      classHistogram: histogram,
      frechet: {
        model: fd,
        floorTrainVsTest: floor,
        untrainedBaseline: baseline,
        ratioToFloor: fd / floor,
        features: `classifier layer "features" (${FEATURE_DIM} ReLU units), float64 means and covariances`,
        testImages: test.count,
        floorTrainImages: floorIdx.length,
        baseline: `same topology (artifact model.json) with fresh initial weights (initialiser seeds ${opts.seed}·1000 + k, k = 1, 2, …), same latents`,
      },
      ...(agree !== undefined ? { agreement: agree } : {}),
      ...(code !== undefined ? { latentCode: { ...code, measure: 'per code value, the digit the classifier sees most often and its share; purity = share of all samples that show their code\'s majority digit' } } : {}),
      parzen: {
        ...pz,
        units: 'nats, pixels in [0, 1], mean ± standard error (std / √m) over test images',
        protocol: 'Goodfellow et al. 2014 / Breuleux et al. 2011: Gaussian kernels on generated samples; σ = argmax over numpy.logspace(-1, 0, 10) of mean validation log-likelihood',
        reference: GOODFELLOW_TABLE_1,
        trainingImagesAsSamples: { ...pzReal, kernelCentres: `${opts.parzenSamples} MNIST training images from 0..49999 (seeded choice)` },
      },
    };
  }

  for (const b of bars) rows.push([`bar: ${b.bar}`, b.pass ? 'PASS' : 'FAIL', b.measured]);
  const wallTimeSeconds = seconds(started);
  log('');
  log(table(rows));
  log(`\nwall time ${wallTimeSeconds} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} s`).join(', ')})`);

  const fullMetrics = {
    ...metrics,
    bars,
    evaluatedBy: `npm run eval -- ${process.argv.slice(2).join(' ')}`,
    evaluatedAt: new Date().toISOString(),
    classifier: { dir: 'models/classifier/artifact', files: readCard(classifierDir).files ?? {} },
    backend: `tfjs-backend-${backend} 4.22.0`,
    hardware: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`,
    wallTimeSeconds,
    timingsSeconds: timings,
  };
  if (!opts.write) {
    log('(--no-write: card left unchanged)');
    return;
  }
  const next: Card = { ...readCard(dir), metrics: fullMetrics };
  writeCardJson(dir, next);
  const md = [
    markdownTable(rows),
    '',
    opts.name === 'classifier' ? '' : [
      `Samples: ${opts.samples} from seeded latents (seed ${opts.seed})${opts.name === 'cgan' ? ', digits requested in turn 0-9' : ''}.`,
      'Fréchet distance: between Gaussians fitted to the classifier\'s 128-unit `features` layer on the samples and on the 10,000 MNIST test images;',
      `the floor is ${opts.samples} training images (seeded choice) against the test set; the baseline is an untrained generator of the same architecture.`,
      'Parzen window: the protocol of Goodfellow et al. (2014), Table 1 (DBN 138 ± 2, stacked CAE 121 ± 1.6, deep GSN 214 ± 1.1, adversarial nets 225 ± 2 nats);',
      `σ chosen from numpy.logspace(-1, 0, 10) on ${opts.parzenValidation} held-out training images (50000 onwards; the GAN saw them in training), ${opts.parzenSamples} kernel centres, ${opts.parzenTest} test images.`,
      'Known weakness of this estimate (Theis et al. 2016): it rewards blurry or memorised samples and says little about sample quality.',
    ].join('\n'),
    '',
    `Evaluated by \`${String(fullMetrics.evaluatedBy)}\` on ${fullMetrics.evaluatedAt.slice(0, 16)} UTC in ${wallTimeSeconds} s (${fullMetrics.backend}, ${fullMetrics.hardware}).`,
  ].join('\n');
  writeMetricsSection(dir, md);
  const after = verifyCardFiles(dir, next);
  if (after.length > 0) throw new Error(`weights changed during eval?! ${after.join('; ')}`);
  log(`wrote ${path.relative(process.cwd(), dir)}/card.json (metrics) and card.md (metrics section)`);
  tf.disposeVariables();
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`eval: ${e.message}\nusage: npm run eval -- <${MODELS.join('|')}> [--samples 10000] [--seed 0] [--parzen-samples N] [--parzen-test N] [--parzen-validation N] [--no-write] [--artifact DIR] [--quick]`);
    process.exit(2);
  }
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
