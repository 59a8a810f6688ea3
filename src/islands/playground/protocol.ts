/**
 * Messages between the playground's main-thread controller and its training worker. Only
 * serialisable values; the views arrive as transferred Float32Arrays.
 */
import type { RunSpec, ToyConfig, ToyFrame } from '../../../models/gan/toy-run.ts';
import type { BackendName } from '../../runtime/backend-choice.ts';
import type { SerializedError } from '../../runtime/errors.ts';

/** 0 means "as many steps as fit in the frame's time budget". */
export type StepsPerTick = 0 | 1 | 5 | 20;

export type PlaygroundRequest =
  | { type: 'init'; id: number; override: BackendName | null; config: ToyConfig; runs: RunSpec[] }
  /** New configuration: rebuilds every run from step 0 (also "reset"). */
  | { type: 'configure'; id: number; config: ToyConfig; runs: RunSpec[] }
  | { type: 'play'; id: number; playing: boolean }
  /** Paused by the page (off screen, hidden tab), independent of the reader's play/pause. */
  | { type: 'hold'; id: number; held: boolean }
  | { type: 'train'; id: number; kind: 'step' | 'd' | 'g' }
  | { type: 'speed'; id: number; stepsPerTick: StepsPerTick; frameHz: number }
  /** Show snapshot `index` of every run (null: back to the live generator). */
  | { type: 'scrub'; id: number; index: number | null }
  /** Trains to exactly `step` (lockstep), pauses and sends that frame: reproducibility tests. */
  | { type: 'runTo'; id: number; step: number }
  | { type: 'numTensors'; id: number };

/** One run's frame as the worker sends it: the run's own views (ToyFrame) plus its history. */
export interface RunView extends Omit<ToyFrame, 'snapshot'> {
  loss: string;
  lr: number | null;
  /** [step, d, g] triples, at most a few hundred (thinned) */
  losses: Float32Array;
  /** [step, covered] pairs, one per snapshot */
  coverage: Float32Array;
  diverged: boolean;
}

export interface PlaygroundFrame {
  step: number;
  stepsPerSecond: number;
  /** the reader's play/pause (training also waits while the page holds it: off screen, hidden) */
  playing: boolean;
  /** snapshots available to scrub through (same for every run: lockstep) */
  snapshots: number;
  /** snapshot shown, or null for the live generator */
  scrubbed: number | null;
  real: Float32Array;
  runs: RunView[];
}

export type PlaygroundMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'backend'; name: BackendName }
  | { type: 'frame'; frame: PlaygroundFrame };

/** A frame's buffers, handed over (not copied) with each postMessage that carries it. */
export function frameBuffers(frame: PlaygroundFrame): ArrayBuffer[] {
  const views = frame.runs.flatMap((v) => [v.samples, v.heat, v.optimal, v.field, v.sampleField, v.losses, v.coverage]);
  return [frame.real, ...views].map((array) => array.buffer as ArrayBuffer);
}
