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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { hardwareDescription, repoRoot, UsageError } from '../cli.node.ts';
import { loadMnist } from '../data/mnist.node.ts';
import { useBackend, type BackendName } from '../tfjs-node/backend.node.ts';
import { getPreset } from './presets.ts';
import { ganTrainStep, type StepLosses } from './train-step.ts';
import { latentBatch, makeDataSource } from './training/batches.ts';
import { CheckpointError, readCheckpoint, restoreSession, saveCheckpoint, writeFileAtomically } from './training/checkpoint.node.ts';
import { withClusters } from './training/clusters.node.ts';
import { sampleGridPng } from './training/sample-grid.node.ts';
import { applyLearningRateSchedule, disposeSession, makeSession, sessionStepOptions, updateAverage } from './training/session.ts';

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

/** Default run directory of a model. */
export function defaultRunDir(model: string): string {
  return path.join(repoRoot(), 'models', model, 'runs', 'main');
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
  const clustered = withClusters(preset, runDir, seed, mnist);
  preset = clustered.preset;
  const { clusters } = clustered;
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
    hardware: hardwareDescription(),
  });
  const samplesDir = path.join(runDir, 'samples');
  mkdirSync(samplesDir, { recursive: true });
  const timelineDir = path.join(runDir, 'timeline');
  const snapshot = async () => {
    mkdirSync(timelineDir, { recursive: true });
    await saveCheckpoint(path.join(timelineDir, `step-${step}`), session, meta(), true);
  };
  const checkpoint = async () => {
    await saveCheckpoint(ckptDir, session, meta());
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
    applyLearningRateSchedule(session, step, targetSteps);
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
  disposeSession(session);
  return { runDir, step, losses, stopped };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
