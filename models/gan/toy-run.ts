/**
 * One 2-D GAN run of the training playground: MLPs from mlp.ts, Adam from optimizers.ts, losses from
 * losses.ts, and the very train step the Node trainer uses (train-step.ts). Every random draw
 * (initial weights, data, latents, WGAN-GP ε) is seeded, so a configuration reproduces a run
 * on the same backend. Also computes what the playground draws: samples, D over the plane, the
 * generator's gradient field, D*, modes covered.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ganLoss, type GanLoss, type LossName } from './losses.ts';
import { buildMlpDiscriminator, buildMlpGenerator, type Mlp, type MlpActivation, type MlpGanConfig } from './mlp.ts';
import { ConcatenatedAdam } from './optimizers.ts';
import { discriminatorUpdate, generatorUpdate, type GanStepOptions } from './train-step.ts';
import {
  createRng,
  makeTarget,
  modesCovered,
  optimalDiscriminator,
  planeGrid,
  VIEW,
  type Rng,
  type Target,
  type TargetName,
} from './toy-data.ts';

export { VIEW };

/** Everything that defines a playground run; serialisable (it lives in the URL). */
export interface ToyConfig {
  target: TargetName;
  /** the reader's points for the 'drawn' target, [x0, y0, ...] */
  drawn: number[];
  seed: number;
  generatorLayers: number;
  generatorUnits: number;
  discriminatorLayers: number;
  discriminatorUnits: number;
  activation: MlpActivation;
  latentDim: 1 | 2;
  latentPrior: 'uniform' | 'gaussian';
  batch: number;
  optimizer: 'adam' | 'sgd';
  generatorLr: number;
  discriminatorLr: number;
  generatorBeta1: number;
  discriminatorBeta1: number;
  /** k: discriminator updates per generator update */
  discriminatorSteps: number;
  /** WGAN weight clipping bound c */
  clip: number;
  /** WGAN-GP λ */
  penalty: number;
  /** keep a generator snapshot every this many steps */
  snapshotEvery: number;
}

/** What differs between the runs of a loss laboratory. */
export interface RunSpec {
  loss: LossName;
  /** overrides both players' learning rates */
  lr?: number;
}

export interface ToyFrame {
  step: number;
  samples: Float32Array;
  /** D's output over the plane mapped to [0, 1] (σ(logit) for the cross-entropy losses), row-major from the top */
  heat: Float32Array;
  /** D* over the plane, `VIEW.optimalCells`² */
  optimal: Float32Array;
  /** −∂L_G/∂x at the arrow grid: [cells², 2], the direction the loss pushes a sample there */
  field: Float32Array;
  /** −∂L_G/∂x at the first `VIEW.sampleArrows` samples */
  sampleField: Float32Array;
  covered: number;
  modes: number;
  highQuality: number;
  /** true when the frame shows a stored snapshot, not the live generator */
  snapshot: boolean;
}

/** Losses kept on the backend before one read fetches them all. */
const MAX_PENDING = 512;

/** The loss tensors of pending updates, in order (d before g). */
const lossTensors = (pending: readonly { d: tf.Scalar | null; g: tf.Scalar | null }[]): tf.Scalar[] =>
  pending.flatMap((p) => [p.d, p.g].filter((t): t is tf.Scalar => t !== null));

/** Snapshots kept per run (a 2x64 generator is about 18 KB each). */
export const MAX_SNAPSHOTS = 400;

const SIGMOID_LOSSES: readonly LossName[] = ['minimax', 'non-saturating'];

export class ToyRun {
  readonly config: ToyConfig;
  readonly spec: RunSpec;
  readonly target: Target;
  readonly generator: Mlp;
  readonly discriminator: Mlp;
  readonly loss: GanLoss;
  step = 0;
  /** losses of every generator step so far: [step, d, g] */
  readonly history: { step: number; d: number; g: number }[] = [];
  /** generator weights every `snapshotEvery` steps */
  readonly snapshots: { step: number; weights: Float32Array[] }[] = [];
  /** modes covered at each snapshot */
  readonly coverage: { step: number; covered: number }[] = [];
  #diverged = false;
  /** losses of updates not read back yet: the step of a generator update (null for 'd'), and its tensors */
  #pending: { step: number | null; d: tf.Scalar | null; g: tf.Scalar | null }[] = [];
  #options: GanStepOptions;
  #dataRng: Rng;
  #latentRng: Rng;
  #epsRng: Rng;
  #lastD = Number.NaN;
  #viewLatents: Float32Array;
  #viewReal: Float32Array;
  #heatGrid: Float32Array;
  #arrowGrid: Float32Array;
  #optimalGrid: Float32Array;
  #snapshotViewer: Mlp | null = null;

  constructor(config: ToyConfig, spec: RunSpec) {
    this.config = config;
    this.spec = spec;
    this.target = makeTarget(config.target, config.drawn);
    const base: Omit<MlpGanConfig, 'hiddenUnits' | 'hiddenLayers'> = {
      latentDim: config.latentDim,
      dataDim: 2,
      activation: config.activation,
      seed: config.seed,
    };
    this.generator = buildMlpGenerator({ ...base, hiddenUnits: config.generatorUnits, hiddenLayers: config.generatorLayers });
    this.discriminator = buildMlpDiscriminator({
      ...base,
      hiddenUnits: config.discriminatorUnits,
      hiddenLayers: config.discriminatorLayers,
    });
    this.loss = ganLoss(spec.loss);
    // The same seed in every run of a laboratory: identical batches, so only the loss differs.
    this.#dataRng = createRng(config.seed, 'data');
    this.#latentRng = createRng(config.seed, 'latent');
    this.#epsRng = createRng(config.seed, 'epsilon');
    const lrG = spec.lr ?? config.generatorLr;
    const lrD = spec.lr ?? config.discriminatorLr;
    const optimizer = (lr: number, beta1: number) =>
      config.optimizer === 'sgd' ? tf.train.sgd(lr) : new ConcatenatedAdam(lr, beta1, 0.999);
    this.#options = {
      generator: this.generator,
      discriminator: this.discriminator,
      loss: this.loss,
      generatorOptimizer: optimizer(lrG, config.generatorBeta1),
      discriminatorOptimizer: optimizer(lrD, config.discriminatorBeta1),
      discriminatorSteps: config.discriminatorSteps,
      ...(spec.loss === 'wasserstein' ? { weightClip: config.clip } : {}),
      ...(spec.loss === 'wasserstein-gp' ? { gradientPenaltyWeight: config.penalty } : {}),
      nextEpsilon: (n) => tf.tensor1d(Float32Array.from({ length: n }, () => this.#epsRng.uniform())),
      nextRealBatch: () => ({ data: tf.tensor2d(this.target.sample(config.batch, this.#dataRng), [config.batch, 2]) }),
      nextLatentBatch: () => ({ z: tf.tensor2d(this.#latents(config.batch, this.#latentRng), [config.batch, config.latentDim]) }),
    };
    const viewRng = createRng(config.seed, 'view');
    this.#viewLatents = this.#latents(VIEW.samples, viewRng);
    this.#viewReal = this.target.sample(VIEW.real, viewRng);
    this.#heatGrid = planeGrid(VIEW.heatCells);
    this.#arrowGrid = planeGrid(VIEW.arrowCells);
    this.#optimalGrid = planeGrid(VIEW.optimalCells);
    this.#snapshot();
  }

  #latents(n: number, rng: Rng): Float32Array {
    const out = new Float32Array(n * this.config.latentDim);
    for (let i = 0; i < out.length; i++) out[i] = this.config.latentPrior === 'uniform' ? 2 * rng.uniform() - 1 : rng.normal();
    return out;
  }

  get realSamples(): Float32Array {
    return this.#viewReal;
  }

  // #region playground-train-step
  /**
   * Advances the run: 'step' is k discriminator updates then one generator update (Algorithm 1),
   * 'd' and 'g' one update of that player alone. The losses stay on the backend until `flush`
   * reads them all at once (a GPU backend waits for its queue on every read); a NaN loss there
   * marks the run diverged, and a diverged run does not train.
   */
  train(kind: 'step' | 'd' | 'g' = 'step'): void {
    if (this.#diverged) return;
    let d: tf.Scalar | null = null;
    let g: tf.Scalar | null = null;
    if (kind === 'step') {
      const k = this.config.discriminatorSteps;
      const ds = Array.from({ length: k }, () => discriminatorUpdate(this.#options));
      d = k === 1 ? (ds[0] ?? null) : tf.tidy(() => tf.div(tf.addN(ds), k) as tf.Scalar);
      if (k > 1) tf.dispose(ds);
      g = generatorUpdate(this.#options);
    } else if (kind === 'd') d = discriminatorUpdate(this.#options);
    else g = generatorUpdate(this.#options);
    if (kind !== 'd') this.step++;
    this.#pending.push({ step: kind === 'd' ? null : this.step, d, g });
    if (this.#pending.length >= MAX_PENDING) this.flush();
    if (kind !== 'd' && this.step % this.config.snapshotEvery === 0) this.#snapshot();
  }
  // #endregion playground-train-step

  /** True once a loss came back NaN (reads the pending losses first). */
  get diverged(): boolean {
    this.flush();
    return this.#diverged;
  }

  /**
   * Reads the pending losses in one go into `history`. At the first NaN the run is marked
   * diverged, its step is set back to the step that produced it, and later updates are dropped.
   */
  flush(): void {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    const tensors = lossTensors(pending);
    const stacked = tf.stack(tensors);
    const values = stacked.dataSync();
    tf.dispose([stacked, ...tensors]);
    let i = 0;
    for (const p of pending) {
      const d = p.d === null ? this.#lastD : (values[i++] ?? Number.NaN);
      const g = p.g === null ? Number.NaN : (values[i++] ?? Number.NaN);
      if (this.#diverged) continue;
      this.#lastD = d;
      if ((p.d !== null && !Number.isFinite(d)) || (p.g !== null && !Number.isFinite(g))) {
        this.#diverged = true;
        if (p.step !== null) this.step = p.step;
      }
      if (p.step !== null) this.history.push({ step: p.step, d, g });
    }
  }

  #snapshot() {
    // A snapshot reads the weights back anyway; read the losses with it.
    this.flush();
    if (this.#diverged) return;
    this.snapshots.push({ step: this.step, weights: this.generator.weightValues() });
    this.coverage.push({ step: this.step, covered: modesCovered(this.target, this.generate(this.#viewLatents)).covered });
    // Bounded memory on long runs: past the cap keep every other snapshot (the first stays).
    if (this.snapshots.length > MAX_SNAPSHOTS) {
      const keep = (_: unknown, i: number) => i % 2 === 0;
      this.snapshots.splice(0, this.snapshots.length, ...this.snapshots.filter(keep));
    }
  }

  /** Generated samples for the fixed view latents, from the live generator or a snapshot's weights. */
  generate(latents: Float32Array, snapshotIndex?: number): Float32Array {
    return (snapshotIndex === undefined ? this.generator : this.#viewerWith(snapshotIndex)).run(latents);
  }

  #viewerWith(index: number): Mlp {
    const snap = this.snapshots[Math.max(0, Math.min(index, this.snapshots.length - 1))];
    if (snap === undefined) return this.generator;
    this.#snapshotViewer ??= buildMlpGenerator({
      latentDim: this.config.latentDim,
      dataDim: 2,
      activation: this.config.activation,
      hiddenUnits: this.config.generatorUnits,
      hiddenLayers: this.config.generatorLayers,
    });
    this.#snapshotViewer.setWeightValues(snap.weights);
    return this.#snapshotViewer;
  }

  /** D's output at points [n, 2], mapped to [0, 1] for display. */
  discriminate(points: Float32Array): Float32Array {
    const raw = this.discriminator.run(points);
    if (SIGMOID_LOSSES.includes(this.spec.loss)) return raw.map((l) => 1 / (1 + Math.exp(-l)));
    if (this.spec.loss === 'least-squares') return raw.map((v) => Math.min(1, Math.max(0, v)));
    // Critics and hinge scores have no fixed scale: map ±max|score| to [0, 1].
    const scale = Math.max(1e-6, ...raw.map(Math.abs));
    return raw.map((v) => 0.5 + 0.5 * (v / scale));
  }

  /** −∂L_G/∂x at each point: where the generator's loss pushes a sample placed there. */
  generatorField(points: Float32Array): Float32Array {
    const n = points.length / 2;
    return tf
      .tidy(() => {
        const x = tf.tensor2d(points, [n, 2]);
        // L_G is a batch mean of per-sample terms, so n·∂L/∂x_i is sample i's own gradient.
        const grad = tf.grad((p: tf.Tensor) => tf.mul(n, this.loss.generator(this.discriminator.apply(p))))(x);
        return tf.neg(grad).dataSync() as Float32Array;
      })
      .slice();
  }

  /** Everything a frame draws; `snapshotIndex` shows a stored generator instead of the live one. */
  frame(snapshotIndex?: number): ToyFrame {
    this.flush();
    const samples = this.generate(this.#viewLatents, snapshotIndex);
    const coverage = modesCovered(this.target, samples);
    // One gradient pass for the grid arrows and the sample arrows together.
    const at = new Float32Array(this.#arrowGrid.length + VIEW.sampleArrows * 2);
    at.set(this.#arrowGrid);
    at.set(samples.subarray(0, VIEW.sampleArrows * 2), this.#arrowGrid.length);
    const field = this.generatorField(at);
    const half = VIEW.real / 2;
    return {
      step: snapshotIndex === undefined ? this.step : (this.snapshots[snapshotIndex]?.step ?? this.step),
      samples,
      heat: this.discriminate(this.#heatGrid),
      optimal: optimalDiscriminator(this.#viewReal.subarray(0, half * 2), samples.subarray(0, half * 2), this.#optimalGrid, VIEW.bandwidth),
      field: field.slice(0, this.#arrowGrid.length),
      sampleField: field.slice(this.#arrowGrid.length),
      covered: coverage.covered,
      modes: coverage.of,
      highQuality: coverage.highQuality,
      snapshot: snapshotIndex !== undefined,
    };
  }

  dispose(): void {
    tf.dispose(lossTensors(this.#pending));
    this.#pending = [];
    this.generator.dispose();
    this.discriminator.dispose();
    this.#snapshotViewer?.dispose();
    this.#options.generatorOptimizer.dispose();
    this.#options.discriminatorOptimizer.dispose();
  }
}
