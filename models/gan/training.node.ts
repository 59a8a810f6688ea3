/**
 * The Node training loop behind `npm run train`: data, seeded sampling, the shared
 * `ganTrainStep`, progress, checkpoints (atomic, resumable), loss log, sample grids and the
 * "watch it learn" generator snapshots.
 *
 * Run directory layout (gitignored, under models/<name>/runs/ by default):
 *   checkpoint/state.json + weights.bin   last good checkpoint (replaced atomically)
 *   losses.json                           [{step, d, g}] per step
 *   samples/step-<N>.png                  grid from fixed latents, per checkpoint
 *   timeline/step-<N>/state.json + weights.bin   generator-only snapshots
 */
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import cliProgress from 'cli-progress';
import { PNG } from 'pngjs';
import seedrandom from 'seedrandom';
import { loadOrClusterImages, type Clusters } from '../data/clusters.node.ts';
import { loadMnist, type MnistSet } from '../data/mnist.node.ts';
import { useBackend, type BackendName } from '../runtime/backend.node.ts';
import { buildGan, codeOf, type GanArchitecture } from './architectures.ts';
import { tileGrid, unitRangeToUint8 } from './images.ts';
import { argmaxOffsets } from './code-prior.ts';
import { createNormalStream, restoreNormalStream, sampleLatents, type NormalStream } from './latent.ts';
import { ganLoss } from './losses.ts';
import { getPreset, sampleRingOfGaussians, type GanPreset } from './presets.ts';
import { ganTrainStep, type GanStepOptions, type LatentBatch, type RealBatch, type StepLosses } from './train-step.ts';

/** Seed of the fixed latents behind every sample grid (independent of the training seed). */
export const SAMPLE_SEED = 20141208;

export interface TrainOptions {
  model: string;
  steps?: number;
  batch?: number;
  seed?: number;
  resume?: boolean;
  /** run directory (default models/<model>/runs/main) */
  out?: string;
  backend?: BackendName;
  /** stop (with a checkpoint) once this much wall time has passed in this process */
  maxMinutes?: number;
  /** use only the first N training images (tests) */
  dataLimit?: number;
  /** show a progress bar (default: true) */
  progress?: boolean;
  /** checked after every step; when it returns true, the run checkpoints and stops */
  shouldStop?: () => boolean;
}

export interface TrainResult {
  runDir: string;
  step: number;
  losses: LossEntry[];
  stopped: boolean;
}

export interface LossEntry {
  step: number;
  d: number;
  g: number;
}

/** What a checkpoint's state.json holds. */
export interface CheckpointState {
  version: 1;
  model: string;
  step: number;
  targetSteps: number;
  batch: number;
  seed: number;
  architecture: GanArchitecture;
  preset: Omit<GanPreset, 'architecture'>;
  backend: string;
  trainingMs: number;
  startedAt: string;
  savedAt: string;
  hardware: string;
  rng: { data: object; latent: object };
  /** tensor groups in weights.bin, in order */
  groups: { name: 'generator' | 'discriminator' | 'generatorOptimizer' | 'discriminatorOptimizer' | 'generatorAverage'; names: string[] }[];
  /** updates folded into the generator average (absent: no average kept) */
  averageSteps?: number;
  specs: tf.io.WeightsManifestEntry[];
  weightsSha256: string;
}

export class CheckpointError extends Error {}
export class UsageError extends Error {}

function repoRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
}

/** Default run directory of a model. */
export function defaultRunDir(model: string): string {
  return path.join(repoRoot(), 'models', model, 'runs', 'main');
}

function hardware(): string {
  const c = cpus();
  return `${c[0]?.model.trim() ?? 'unknown CPU'} (${c.length} logical cores)`;
}

/** Writes `files` into `dir` atomically: a temp dir is filled, then renamed over `dir`. */
function writeDirAtomically(dir: string, files: Record<string, Uint8Array | string>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(tmp, name), data);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Reads a checkpoint directory, verifying its checksum. @throws CheckpointError */
export function readCheckpoint(dir: string): { state: CheckpointState; tensors: tf.NamedTensorMap } {
  // An interrupted swap leaves the previous good checkpoint in `<dir>.old`.
  const candidates = [dir, `${dir}.old`].filter((d) => existsSync(path.join(d, 'state.json')));
  const where = candidates[0];
  if (where === undefined) throw new CheckpointError(`no checkpoint in ${dir}`);
  let state: CheckpointState;
  let bytes: Buffer;
  try {
    state = JSON.parse(readFileSync(path.join(where, 'state.json'), 'utf8')) as CheckpointState;
    bytes = readFileSync(path.join(where, 'weights.bin'));
  } catch (e) {
    throw new CheckpointError(`checkpoint in ${where} is unreadable: ${(e as Error).message}`);
  }
  if (state.version !== 1 || !Array.isArray(state.specs) || !Array.isArray(state.groups)) {
    throw new CheckpointError(`checkpoint in ${where} is corrupt: bad state.json`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== state.weightsSha256) throw new CheckpointError(`checkpoint in ${where} is corrupt: weights.bin checksum mismatch`);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return { state, tensors: tf.io.decodeWeights(buffer, state.specs) };
  } catch (e) {
    throw new CheckpointError(`checkpoint in ${where} is corrupt: ${(e as Error).message}`);
  }
}

/** The generator of a checkpoint (or timeline snapshot) directory, weights restored. */
export function loadGeneratorFromCheckpoint(dir: string, options: { average?: boolean } = {}): { generator: tfl.LayersModel; state: CheckpointState; averaged: boolean } {
  const { state, tensors } = readCheckpoint(dir);
  const { generator, discriminator } = buildGan(state.architecture);
  const average = options.average === true ? state.groups.find((g) => g.name === 'generatorAverage') : undefined;
  const group = average ?? state.groups.find((g) => g.name === 'generator');
  if (group === undefined) throw new CheckpointError(`checkpoint in ${dir} has no generator weights`);
  generator.setWeights(group.names.map((n) => tensorOf(tensors, n, dir)));
  discriminator.dispose();
  tf.dispose(Object.values(tensors));
  return { generator, state, averaged: average !== undefined };
}

function tensorOf(tensors: tf.NamedTensorMap, name: string, dir: string): tf.Tensor {
  const t = tensors[name];
  if (t === undefined) throw new CheckpointError(`checkpoint in ${dir} is corrupt: missing tensor ${name}`);
  return t;
}

/** Index-based names: checkpoint order is the models' `weights` order and Adam's order. */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

function named(prefix: string, tensors: readonly tf.Tensor[]): NamedTensor[] {
  return tensors.map((tensor, i) => ({ name: `${prefix}/${i}`, tensor }));
}

interface Session {
  preset: GanPreset;
  generator: tfl.LayersModel;
  discriminator: tfl.LayersModel;
  gOpt: tf.AdamOptimizer;
  dOpt: tf.AdamOptimizer;
  dataRng: seedrandom.StatefulPRNG<seedrandom.State.Arc4>;
  latents: NormalStream;
  /** exponential moving average of all generator weights (Yazıcı et al. 2019), if enabled */
  average?: { weights: tf.Variable[]; steps: number };
}

async function saveCheckpointTo(dir: string, s: Session, meta: Omit<CheckpointState, 'groups' | 'specs' | 'weightsSha256' | 'rng' | 'architecture' | 'preset' | 'version'>, generatorOnly = false): Promise<void> {
  const groups: CheckpointState['groups'] = [];
  const all: NamedTensor[] = [];
  const add = (name: CheckpointState['groups'][number]['name'], items: NamedTensor[]) => {
    groups.push({ name, names: items.map((t) => t.name) });
    all.push(...items);
  };
  add('generator', named('g', s.generator.getWeights()));
  if (!generatorOnly && s.average !== undefined) add('generatorAverage', named('ga', s.average.weights));
  if (!generatorOnly) {
    add('discriminator', named('d', s.discriminator.getWeights()));
    add('generatorOptimizer', named('go', (await s.gOpt.getWeights()).map((w) => w.tensor)));
    add('discriminatorOptimizer', named('do', (await s.dOpt.getWeights()).map((w) => w.tensor)));
  }
  const { data, specs } = await tf.io.encodeWeights(all);
  const bytes = new Uint8Array(data);
  const { architecture, ...preset } = s.preset;
  const state: CheckpointState = {
    version: 1,
    ...meta,
    architecture,
    preset,
    rng: { data: s.dataRng.state(), latent: s.latents.state() },
    groups,
    ...(s.average === undefined || generatorOnly ? {} : { averageSteps: s.average.steps }),
    specs,
    weightsSha256: createHash('sha256').update(bytes).digest('hex'),
  };
  // Adam's getWeights() returns its live slot variables plus one fresh `iter` scalar (first).
  if (!generatorOnly) tf.dispose(all.filter((t) => t.name === 'go/0' || t.name === 'do/0').map((t) => t.tensor));
  writeDirAtomically(dir, { 'weights.bin': bytes, 'state.json': `${JSON.stringify(state, null, 1)}\n` });
}

/** A PNG grid of the generator's outputs on the fixed sample latents (inference mode). */
export function sampleGridPng(generator: tfl.LayersModel, arch: GanArchitecture): Uint8Array | undefined {
  if (arch.kind !== 'conv') return undefined;
  const conditional = arch.numClasses !== undefined;
  const n = conditional ? 100 : 64;
  const columns = conditional ? 10 : 8;
  const pixels = tf.tidy(() => {
    const z = tf.tensor2d(sampleLatents(SAMPLE_SEED, n, arch.latentDim), [n, arch.latentDim]);
    // Conditional grid: row r shows digit r.
    const input = conditional ? [z, tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => Math.floor(i / columns)), 'int32'), arch.numClasses ?? 10), 'float32')] : z;
    return (generator.predict(input) as tf.Tensor).dataSync() as Float32Array;
  });
  const grid = tileGrid(unitRangeToUint8(pixels), n, 28, 28, columns, 2, 0);
  const png = new PNG({ width: grid.width, height: grid.height });
  for (let i = 0; i < grid.data.length; i++) {
    const v = grid.data[i] ?? 0;
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}

function makeSession(preset: GanPreset, seed: number): Session {
  const { generator, discriminator } = buildGan(preset.architecture);
  return {
    preset,
    generator,
    discriminator,
    gOpt: tf.train.adam(preset.generatorLearningRate ?? preset.learningRate, preset.beta1),
    dOpt: tf.train.adam(preset.learningRate, preset.beta1),
    dataRng: seedrandom(`minimax-data:${seed}`, { state: true }),
    latents: createNormalStream(seed),
    ...(preset.generatorAverageDecay === undefined ? {} : { average: { weights: generator.getWeights().map((w) => tf.variable(w.clone(), false)), steps: 0 } }),
  };
}

/**
 * Folds the generator's current weights into the moving average, with the usual warm-up
 * decay min(decay, (1 + t) / (10 + t)) so early weights do not dominate.
 */
function updateAverage(s: Session): void {
  const avg = s.average;
  const decay = s.preset.generatorAverageDecay;
  if (avg === undefined || decay === undefined) return;
  const d = Math.min(decay, (1 + avg.steps) / (10 + avg.steps));
  const current = s.generator.getWeights();
  tf.tidy(() => avg.weights.forEach((w, i) => w.assign(tf.add(tf.mul(w, d), tf.mul(current[i] ?? w, 1 - d)))));
  avg.steps += 1;
}

interface DataSource {
  realBatch(batch: number): RealBatch;
}

/** Real batches: the ring of Gaussians, or `mnist` (loaded once by `train`) with labels or clusters. */
function makeDataSource(s: Session, mnist: MnistSet | undefined, clusters?: Clusters): DataSource {
  const arch = s.preset.architecture;
  if (s.preset.dataset === 'ring-of-gaussians') {
    const normal = new Float32Array(1);
    return {
      realBatch: (batch) =>
        ({ data: tf.tensor2d(sampleRingOfGaussians(batch, () => s.dataRng.quick(), () => s.latents.fill(normal)[0] ?? 0), [batch, 2]) }),
    };
  }
  if (mnist === undefined) throw new Error(`${s.preset.name}: MNIST data not loaded`);
  const pixels = mnist.height * mnist.width;
  const conditional = arch.kind === 'conv' && arch.numClasses !== undefined;
  // A self-conditioned model's real images carry their unsupervised cluster instead of a label.
  const classes = clusters?.k ?? 10;
  const classOf = (k: number) => (clusters === undefined ? (mnist.labels[k] ?? 0) : (clusters.assignments[k] ?? 0));
  return {
    realBatch(batch) {
      const images = new Float32Array(batch * pixels);
      const labels = new Float32Array(batch * classes);
      for (let i = 0; i < batch; i++) {
        const k = Math.floor(s.dataRng.quick() * mnist.count);
        images.set(mnist.images.subarray(k * pixels, (k + 1) * pixels), i * pixels);
        labels[i * classes + classOf(k)] = 1;
      }
      const data = tf.tensor4d(images, [batch, mnist.height, mnist.width, 1]);
      return conditional || clusters !== undefined ? { data, labels: tf.tensor2d(labels, [batch, classes]) } : { data };
    },
  };
}

function latentBatch(s: Session, batch: number): LatentBatch {
  const arch = s.preset.architecture;
  const z = tf.tensor2d(s.latents.fill(new Float32Array(batch * arch.latentDim)), [batch, arch.latentDim]);
  if (arch.kind === 'conv' && arch.categoricalCode !== undefined) return { z, code: codeOf(z, arch.categoricalCode, arch.codeOffsets) };
  if (arch.kind !== 'conv' || arch.numClasses === undefined) return { z };
  const labels = new Float32Array(batch * arch.numClasses);
  for (let i = 0; i < batch; i++) labels[i * arch.numClasses + Math.floor(s.dataRng.quick() * arch.numClasses)] = 1;
  return { z, labels: tf.tensor2d(labels, [batch, arch.numClasses]) };
}

async function restoreSession(s: Session, state: CheckpointState, tensors: tf.NamedTensorMap, dir: string): Promise<void> {
  const group = (name: CheckpointState['groups'][number]['name']) => {
    const g = state.groups.find((x) => x.name === name);
    if (g === undefined) throw new CheckpointError(`checkpoint in ${dir} has no ${name} group`);
    return g.names.map((n) => tensorOf(tensors, n, dir));
  };
  try {
    s.generator.setWeights(group('generator'));
    s.discriminator.setWeights(group('discriminator'));
    // Adam matches its slots to variables by position, so the names only need to be unique.
    await s.gOpt.setWeights(group('generatorOptimizer').map((tensor, i) => ({ name: `go/${i}`, tensor })));
    await s.dOpt.setWeights(group('discriminatorOptimizer').map((tensor, i) => ({ name: `do/${i}`, tensor })));
  } catch (e) {
    if (e instanceof CheckpointError) throw e;
    throw new CheckpointError(`checkpoint in ${dir} does not fit model ${s.preset.name}: ${(e as Error).message}`);
  }
  const avg = state.groups.find((x) => x.name === 'generatorAverage');
  if (s.average !== undefined && avg !== undefined) {
    const saved = avg.names.map((n) => tensorOf(tensors, n, dir));
    s.average.weights.forEach((w, i) => w.assign(saved[i] ?? w));
    s.average.steps = state.averageSteps ?? 0;
  } else if (s.average !== undefined) {
    // Average started on resume: begin from the restored generator.
    const current = s.generator.getWeights();
    s.average.weights.forEach((w, i) => w.assign(current[i] ?? w));
  }
  s.dataRng = seedrandom('', { state: state.rng.data as seedrandom.State.Arc4 });
  s.latents = restoreNormalStream(state.rng.latent);
  tf.dispose(Object.values(tensors));
}

/** The parts of the train step's options that a session and its preset fix (all but the batches). */
function sessionStepOptions(s: Session): Omit<GanStepOptions, 'nextRealBatch' | 'nextLatentBatch'> {
  const arch = s.preset.architecture;
  return {
    generator: s.generator,
    discriminator: s.discriminator,
    loss: ganLoss(s.preset.loss, s.preset.realLabel),
    generatorOptimizer: s.gOpt,
    discriminatorOptimizer: s.dOpt,
    discriminatorSteps: s.preset.discriminatorSteps,
    ...(s.preset.codeLossWeight === undefined ? {} : { codeLossWeight: s.preset.codeLossWeight }),
    ...(arch.kind === 'conv' && arch.codeConditionsDiscriminator === true ? { discriminatorSeesCode: true } : {}),
  };
}

/**
 * For a self-conditioned preset: the k-means clusters of the training images (cached in the run
 * directory) and the preset with code offsets that draw each cluster as often as it holds images.
 */
export function withClusters(preset: GanPreset, runDir: string, seed: number, mnist: MnistSet | undefined): { preset: GanPreset; clusters?: Clusters } {
  const arch = preset.architecture;
  if (arch.kind !== 'conv' || arch.codeConditionsDiscriminator !== true || arch.categoricalCode === undefined) return { preset };
  if (mnist === undefined) throw new Error(`${preset.name}: clusters need the MNIST training images`);
  mkdirSync(runDir, { recursive: true });
  const clusters = loadOrClusterImages(path.join(runDir, 'clusters.json'), mnist.images, mnist.count, arch.categoricalCode, seed);
  const codeOffsets = argmaxOffsets(clusters.sizes.map((n) => n / clusters.count)).map((b) => Math.round(b * 1e6) / 1e6);
  return { preset: { ...preset, architecture: { ...arch, codeOffsets } }, clusters };
}

/** Runs (or resumes) a training. @throws UsageError, CheckpointError */
export async function train(o: TrainOptions): Promise<TrainResult> {
  let preset = getPreset(o.model);
  const runDir = path.resolve(o.out ?? defaultRunDir(preset.name));
  const ckptDir = path.join(runDir, 'checkpoint');
  const lossFile = path.join(runDir, 'losses.json');
  const backend = await useBackend(o.backend ?? 'wasm');
  const hasCheckpoint = existsSync(path.join(ckptDir, 'state.json')) || existsSync(path.join(`${ckptDir}.old`, 'state.json'));
  if (!o.resume && hasCheckpoint) {
    throw new UsageError(`${runDir} already holds a checkpoint; pass --resume to continue it, or choose another --out`);
  }
  if (o.resume === true && !hasCheckpoint) throw new UsageError(`--resume: no checkpoint in ${runDir}`);

  let seed = o.seed ?? 1;
  let batch = o.batch ?? preset.defaultBatch;
  let step = 0;
  let trainingMs = 0;
  let startedAt = new Date().toISOString();
  let losses: LossEntry[] = [];
  const saved = o.resume === true ? readCheckpoint(ckptDir) : undefined;
  if (saved !== undefined) {
    const { state } = saved;
    if (state.model !== preset.name) throw new CheckpointError(`checkpoint in ${ckptDir} is for model ${state.model}, not ${preset.name}`);
    seed = state.seed;
    batch = o.batch ?? state.batch;
    step = state.step;
    trainingMs = state.trainingMs;
    startedAt = state.startedAt;
  }
  const mnist = preset.dataset === 'mnist' ? loadMnist('train', o.dataLimit === undefined ? {} : { limit: o.dataLimit }) : undefined;
  let clusters: Clusters | undefined;
  ({ preset, clusters } = withClusters(preset, runDir, seed, mnist));
  const session = makeSession(preset, seed);
  if (saved !== undefined) {
    await restoreSession(session, saved.state, saved.tensors, ckptDir);
    if (existsSync(lossFile)) {
      losses = (JSON.parse(readFileSync(lossFile, 'utf8')) as { losses: LossEntry[] }).losses.filter((l) => l.step <= step);
    }
  } else {
    mkdirSync(runDir, { recursive: true });
  }
  const targetSteps = o.steps ?? preset.defaultSteps;
  const data = makeDataSource(session, mnist, clusters);
  const meta = () => ({
    model: preset.name,
    step,
    targetSteps,
    batch,
    seed,
    backend,
    trainingMs,
    startedAt,
    savedAt: new Date().toISOString(),
    hardware: hardware(),
  });
  const samplesDir = path.join(runDir, 'samples');
  mkdirSync(samplesDir, { recursive: true });
  const timelineDir = path.join(runDir, 'timeline');
  const snapshot = async () => {
    mkdirSync(timelineDir, { recursive: true });
    await saveCheckpointTo(path.join(timelineDir, `step-${step}`), session, meta(), true);
  };
  const checkpoint = async () => {
    await saveCheckpointTo(ckptDir, session, meta());
    writeFileAtomically(lossFile, `${JSON.stringify({ model: preset.name, losses })}\n`);
    const png = sampleGridPng(session.generator, preset.architecture);
    if (png !== undefined) writeFileSync(path.join(samplesDir, `step-${String(step).padStart(6, '0')}.png`), png);
  };
  if (step === 0) {
    if (preset.timelineSteps.includes(0)) await snapshot();
    await checkpoint();
  }

  const stepOptions = {
    ...sessionStepOptions(session),
    nextRealBatch: () => data.realBatch(batch),
    nextLatentBatch: () => latentBatch(session, batch),
  };
  const bar =
    o.progress === false
      ? undefined
      : new cliProgress.SingleBar(
          {
            format: `${preset.name} |{bar}| step {value}/{total} | D {d} G {g} | {rate} steps/s | ETA {eta_formatted}`,
            noTTYOutput: true,
            notTTYSchedule: 20000,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
  bar?.start(targetSteps, step, { d: '-', g: '-', rate: '-' });
  const processStart = Date.now();
  let windowStart = performance.now();
  let windowSteps = 0;
  let stopped = false;
  while (step < targetSteps) {
    // Yield to the event loop: signals (Ctrl-C) and the progress bar's timer run there.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    const l: StepLosses = ganTrainStep(stepOptions);
    updateAverage(session);
    trainingMs += performance.now() - t0;
    step += 1;
    windowSteps += 1;
    losses.push({ step, d: round4(l.d), g: round4(l.g) });
    if (!Number.isFinite(l.d) || !Number.isFinite(l.g)) {
      bar?.stop();
      throw new Error(`training diverged at step ${step} (loss D ${l.d}, G ${l.g}); the last checkpoint is kept`);
    }
    const elapsed = (performance.now() - windowStart) / 1000;
    bar?.update(step, { d: l.d.toFixed(3), g: l.g.toFixed(3), rate: (windowSteps / Math.max(elapsed, 1e-9)).toFixed(2) });
    if (elapsed > 60) {
      windowStart = performance.now();
      windowSteps = 0;
    }
    if (preset.timelineSteps.includes(step)) await snapshot();
    const outOfTime = o.maxMinutes !== undefined && Date.now() - processStart > o.maxMinutes * 60_000;
    const stopRequested = o.shouldStop?.() === true || outOfTime;
    if (step % preset.checkpointEvery === 0 || step === targetSteps || stopRequested) await checkpoint();
    if (stopRequested) {
      stopped = true;
      break;
    }
  }
  bar?.stop();
  // The last state of the run joins the timeline too.
  if (preset.timelineSteps.length > 0 && !existsSync(path.join(timelineDir, `step-${step}`))) await snapshot();
  session.generator.dispose();
  session.discriminator.dispose();
  session.gOpt.dispose();
  tf.dispose(session.average?.weights ?? []);
  session.dOpt.dispose();
  return { runDir, step, losses, stopped };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * Mean seconds per training step (batch from the preset) of `model` on `backend`, after two
 * warm-up steps, on random data (no MNIST read). For the benchmark command.
 */
export async function measureStepTime(model: string, backend: BackendName = 'wasm', steps = 10, batch?: number): Promise<number> {
  const preset = getPreset(model);
  await useBackend(backend);
  const s = makeSession(preset, 1);
  const b = batch ?? preset.defaultBatch;
  const arch = preset.architecture;
  const realShape = arch.kind === 'conv' ? [b, 28, 28, 1] : [b, arch.dataDim];
  const options = {
    ...sessionStepOptions(s),
    nextRealBatch: (): RealBatch => {
      const lb = latentBatch(s, b);
      lb.z.dispose();
      // A conditional D needs a label per real image, a self-conditioned one a cluster: any
      // one-hot of the right width will do for timing.
      let labels = lb.labels;
      if (arch.kind === 'conv' && arch.codeConditionsDiscriminator === true) labels = lb.code;
      else lb.code?.dispose();
      const data = tf.randomUniform(realShape, -1, 1);
      return labels === undefined ? { data } : { data, labels };
    },
    nextLatentBatch: () => latentBatch(s, b),
  };
  for (let i = 0; i < 2; i++) ganTrainStep(options);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) ganTrainStep(options);
  const seconds = (performance.now() - t0) / 1000 / steps;
  s.generator.dispose();
  s.discriminator.dispose();
  s.gOpt.dispose();
  s.dOpt.dispose();
  return seconds;
}
