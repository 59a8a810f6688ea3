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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { readCard, readClassifierCard, verifyCardFiles, writeCard, writeMetricsSection } from '../artifact/card.node.ts';
import type { ClassifierMetrics, EvaluationRecord, GeneratorMetrics, ModelCard } from '../artifact/card-schema.ts';
import { loadLayersModelFromDir } from '../artifact/layers-io.node.ts';
import { hardwareDescription, isMainModule, repoRoot, runCli, UsageError } from '../cli.node.ts';
import { loadMnist } from '../data/mnist.node.ts';
import { useBackend } from '../tfjs-node/backend.node.ts';
import { evaluateClassifier } from './evaluate-classifier.ts';
import { evaluateGenerator, type GeneratorEvalOptions, type ParzenEstimate } from './evaluate-generator.ts';
import { memorisationForEval } from './memorisation.node.ts';
import { measureReferences } from './references.ts';
import { markdownTable, secondsSince, textTable, type Rows } from './report.ts';
import type { BarResult } from './quality.ts';

const MODELS = ['dcgan', 'cgan', 'classifier', 'dcgan-plain'] as const;
type ModelName = (typeof MODELS)[number];
const modelsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const artifactDir = (name: ModelName): string => path.join(modelsDir, name, 'artifact');
const USAGE = `usage: npm run eval -- <${MODELS.join('|')}> [--samples 10000] [--seed 0] [--parzen-samples N] [--parzen-test N] [--parzen-validation N] [--memorisation-samples 1000] [--no-write] [--artifact DIR] [--quick]`;

interface Options {
  name: ModelName;
  samples: number;
  seed: number;
  parzenSamples: number;
  parzenTest: number;
  parzenValidation: number;
  /** Generated samples of the memorisation check (nearest training image of each); 0 skips it. */
  memorisationSamples: number;
  write: boolean;
  /** Artifact folder to evaluate instead of models/<name>/artifact (fixtures, candidates). */
  artifact: string | undefined;
  /** Histogram, FD and agreement only: no baseline, no Parzen, nothing written (watching a training). */
  quick: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
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
        'memorisation-samples': { type: 'string', default: '1000' },
        'no-write': { type: 'boolean', default: false },
        artifact: { type: 'string' },
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const name = positionals[0];
  if (positionals.length !== 1 || !MODELS.includes(name as ModelName)) {
    throw new UsageError(
      `expected one model name out of ${MODELS.join(', ')}; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
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
    memorisationSamples: int('memorisation-samples', values['memorisation-samples'], 0, 10_000),
    write: !values['no-write'] && !values.quick,
    artifact: values.artifact,
    quick: values.quick,
  };
}

/** card.md's metrics block: the table, how it was measured, and the run. */
function metricsMarkdown(opts: Options, rows: Rows, record: EvaluationRecord): string {
  return [
    markdownTable(rows),
    '',
    opts.name === 'classifier'
      ? ''
      : [
          `Samples: ${opts.samples} from seeded latents (seed ${opts.seed})${opts.name === 'cgan' ? ', digits requested in turn 0-9' : ''}.`,
          "Fréchet distance: between Gaussians fitted to the classifier's 128-unit `features` layer on the samples and on the 10,000 MNIST test images;",
          `the floor is ${opts.samples} training images (seeded choice) against the test set; the baseline is an untrained generator of the same architecture.`,
          'Parzen window: the protocol of Goodfellow et al. (2014), Table 1 (DBN 138 ± 2, stacked CAE 121 ± 1.6, deep GSN 214 ± 1.1, adversarial nets 225 ± 2 nats);',
          `σ chosen from numpy.logspace(-1, 0, 10) on ${opts.parzenValidation} held-out training images (50000 onwards; the GAN saw them in training), ${opts.parzenSamples} kernel centres, ${opts.parzenTest} test images.`,
          'Known weakness of this estimate (Theis et al. 2016): it rewards blurry or memorised samples and says little about sample quality.',
        ].join('\n'),
    '',
    `Evaluated by \`${record.evaluatedBy}\` on ${record.evaluatedAt.slice(0, 16)} UTC in ${record.wallTimeSeconds} s (${record.backend}, ${record.hardware}).`,
  ].join('\n');
}

/**
 * The real-data Parzen reference (about 7 minutes here) kept in a file between runs, keyed by the
 * protocol's options and the SHA-256 of the training and test images; a missing or unreadable
 * file means measuring it again.
 */
function parzenReferenceFile(data: {
  train: { images: Float32Array };
  test: { images: Float32Array };
}): NonNullable<GeneratorEvalOptions['parzenReferenceCache']> {
  const file = path.join(repoRoot(), 'node_modules/.cache/minimax/parzen-reference.json');
  const hash = createHash('sha256');
  for (const images of [data.train.images, data.test.images])
    hash.update(new Uint8Array(images.buffer, images.byteOffset, images.byteLength));
  const dataHash = hash.digest('hex');
  const read = (): Record<string, ParzenEstimate> => {
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, ParzenEstimate>) : {};
    } catch {
      return {};
    }
  };
  return {
    get: (key) => read()[`${dataHash}:${key}`],
    set: (key, value) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.${process.pid}`, JSON.stringify({ ...read(), [`${dataHash}:${key}`]: value }));
      renameSync(`${file}.${process.pid}`, file);
    },
  };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (s: string): void => console.log(s);
  const dir = opts.artifact !== undefined ? path.resolve(opts.artifact) : artifactDir(opts.name);
  const card = readCard(dir);
  const problems = verifyCardFiles(dir, card);
  if (problems.length > 0) throw new Error(`${dir}: ${problems.join('; ')}`);
  if ((card.kind === 'classifier') !== (opts.name === 'classifier'))
    throw new Error(
      `${dir}/card.json is a ${card.kind} card; "${opts.name}" needs a ${opts.name === 'classifier' ? 'classifier' : 'generator'}`,
    );
  const classifierDir = artifactDir('classifier');
  const started = performance.now();
  const backend = await useBackend('wasm');

  const t = performance.now();
  const data = { train: loadMnist('train'), test: loadMnist('test') };
  const classifier = await loadLayersModelFromDir(classifierDir);
  const refs = await measureReferences(classifier, data, opts.samples, opts.seed);
  const timings: Record<string, number> = { referenceFeatures: secondsSince(t) };
  log(
    `${opts.name}: Fréchet floor (${refs.floorImages} train vs ${data.test.count} test) = ${refs.floor.toFixed(4)}  [${timings['referenceFeatures']} s]`,
  );

  let metrics: GeneratorMetrics | ClassifierMetrics;
  let rows: Rows;
  let bars: BarResult[];
  const record = (): EvaluationRecord => ({
    bars,
    evaluatedBy: `npm run eval -- ${process.argv.slice(2).join(' ')}`,
    evaluatedAt: new Date().toISOString(),
    classifier: { dir: 'models/classifier/artifact', files: readClassifierCard(classifierDir).files },
    backend: `tfjs-backend-${backend} 4.22.0`,
    hardware: hardwareDescription(),
    wallTimeSeconds: secondsSince(started),
    timingsSeconds: timings,
  });
  if (card.kind === 'classifier') {
    const evaluation = evaluateClassifier(data.test, refs);
    ({ rows, bars } = evaluation);
    metrics = { ...evaluation.results, ...record() };
  } else if (card.kind === 'generator') {
    const generator = await loadLayersModelFromDir(dir);
    const evaluation = await evaluateGenerator(
      generator,
      card,
      classifier,
      data,
      refs,
      { ...opts, parzenReferenceCache: parzenReferenceFile(data) },
      log,
    );
    ({ rows, bars } = evaluation);
    Object.assign(timings, evaluation.timings);
    if (evaluation.results === undefined) {
      for (const b of bars) rows.push([`bar: ${b.bar}`, b.pass ? 'PASS' : 'FAIL', b.measured]);
      log(`\n${textTable(rows)}\n(--quick: no baseline, no Parzen, card left unchanged; ${secondsSince(started)} s)`);
      return 0;
    }
    let memorisation: GeneratorMetrics['memorisation'];
    if (opts.memorisationSamples > 0) {
      log(`  memorisation check (${opts.memorisationSamples} samples vs ${data.train.count} training images) …`);
      const check = await memorisationForEval(generator, card, classifier, data, {
        samples: opts.memorisationSamples,
        seed: opts.seed,
        testImages: opts.memorisationSamples,
        dir,
        write: opts.write,
      });
      memorisation = check.summary;
      rows.push(check.row);
      bars.push(check.bar);
      timings['memorisation'] = check.summary.seconds;
    }
    metrics = { ...evaluation.results, ...(memorisation === undefined ? {} : { memorisation }), ...record() };
  } else {
    throw new Error(`${dir}/card.json: the eval tool has nothing to measure for a ${card.kind}`);
  }

  for (const b of bars) rows.push([`bar: ${b.bar}`, b.pass ? 'PASS' : 'FAIL', b.measured]);
  log('');
  log(textTable(rows));
  log(
    `\nwall time ${metrics.wallTimeSeconds} s (${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')})`,
  );
  if (!opts.write) {
    log('(--no-write: card left unchanged)');
    return 0;
  }
  // Re-read: the card may have changed on disk while the evaluation ran (only metrics are ours).
  const next = { ...readCard(dir), metrics } as ModelCard;
  writeCard(dir, next);
  writeMetricsSection(dir, metricsMarkdown(opts, rows, metrics));
  const after = verifyCardFiles(dir, next);
  if (after.length > 0) throw new Error(`weights changed during eval?! ${after.join('; ')}`);
  log(`wrote ${path.relative(process.cwd(), dir)}/card.json (metrics) and card.md (metrics section)`);
  tf.disposeVariables();
  return 0;
}

if (isMainModule(import.meta.url)) runCli('eval', USAGE, main);
