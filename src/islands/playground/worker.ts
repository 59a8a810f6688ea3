/// <reference lib="webworker" />
/**
 * The training playground's worker: picks a backend with the site's one backend chain, trains
 * one to four ToyRuns (models/gan/toy-run.ts, i.e. the library's train step) in lockstep, many
 * steps per tick, and posts what the page draws at a throttled rate. The main thread holds no
 * TF.js and never waits on training.
 */
import * as tf from '@tensorflow/tfjs-core';
// Gradients for the train step (tfjs-layers, which used to bring them, is not loaded here).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { ToyRun, type RunSpec, type ToyConfig } from '../../../models/gan/toy-run.ts';
import type { BackendName } from '../../runtime/backend-choice.ts';
import { chooseBackend, features } from '../../runtime/backend-chain.ts';
import { serializeError } from '../../runtime/errors.ts';
import {
  frameBuffers,
  type PlaygroundFrame,
  type PlaygroundMessage,
  type PlaygroundRequest,
  type RunView,
  type StepsPerTick,
} from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Milliseconds of training per tick at full speed; the rest of the frame is left for messages. */
const TICK_BUDGET_MS = 14;
/** Loss points sent per run and frame. */
const MAX_LOSS_POINTS = 300;

let runs: ToyRun[] = [];
let playing = false;
let held = false;
let stepsPerTick: StepsPerTick = 0;
let frameHz = 15;
/**
 * Frames per second at most when no GPU draws the page (no WebGPU, and WebGL missing or a
 * software renderer): the compositor then runs on the same CPU as the training, and measured
 * here each frame cost more CPU than the drawing itself. With a GPU: no cap.
 */
const SOFTWARE_FRAME_HZ = 6;
let frameCap = Number.POSITIVE_INFINITY;
let scrubbed: number | null = null;
let looping = false;
let lastFrameAt = 0;
let rate = { at: 0, step: 0, perSecond: 0 };
let backend: Promise<BackendName> | null = null;

const post = (message: PlaygroundMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** A zero-delay yield: a MessageChannel task is not clamped to 4 ms like nested timeouts. */
const channel = new MessageChannel();
let wake: (() => void) | null = null;
channel.port1.onmessage = () => wake?.();
const yieldNow = () =>
  new Promise<void>((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function build(config: ToyConfig, specs: RunSpec[]) {
  for (const run of runs) run.dispose();
  runs = specs.map((spec) => new ToyRun(config, spec));
  scrubbed = null;
  rate = { at: performance.now(), step: 0, perSecond: 0 };
}

const step = () => runs[0]?.step ?? 0;

function thin(history: ToyRun['history']): Float32Array {
  const stride = Math.max(1, Math.ceil(history.length / MAX_LOSS_POINTS));
  const out: number[] = [];
  for (let i = stride - 1; i < history.length; i += stride) {
    const h = history[i];
    if (h) out.push(h.step, h.d, h.g);
  }
  return Float32Array.from(out);
}

/** Cost of the last frame: frames are spaced so that drawing takes at most a quarter of the time. */
let frameCostMs = 0;

function sendFrame() {
  const started = performance.now();
  const views: RunView[] = runs.map((run) => {
    const { snapshot: _snapshot, ...view } = run.frame(scrubbed ?? undefined);
    return {
      ...view,
      loss: run.spec.loss,
      lr: run.spec.lr ?? null,
      losses: thin(run.history),
      coverage: Float32Array.from(run.coverage.flatMap((c) => [c.step, c.covered])),
      diverged: run.diverged,
    };
  });
  const real = (runs[0]?.realSamples ?? new Float32Array()).slice();
  const frame: PlaygroundFrame = {
    step: step(),
    stepsPerSecond: rate.perSecond,
    playing,
    snapshots: runs[0]?.snapshots.length ?? 0,
    scrubbed,
    real,
    runs: views,
  };
  post({ type: 'frame', frame }, frameBuffers(frame));
  lastFrameAt = performance.now();
  frameCostMs = lastFrameAt - started;
}

function trainAll(kind: 'step' | 'd' | 'g') {
  for (const run of runs) run.train(kind);
}

/** Reads the runs' pending losses (one backend read per run and tick) and stops on a NaN. */
function stopIfDiverged(): boolean {
  const diverged = runs.some((r) => r.diverged);
  if (diverged) playing = false;
  return diverged;
}

function measureRate() {
  const now = performance.now();
  if (now - rate.at < 1000) return;
  rate = { at: now, step: step(), perSecond: ((step() - rate.step) * 1000) / (now - rate.at) };
}

async function loop() {
  if (looping) return;
  looping = true;
  rate = { at: performance.now(), step: step(), perSecond: rate.perSecond };
  try {
    while (playing && !held) {
      const started = performance.now();
      if (stepsPerTick === 0) {
        do trainAll('step');
        while (playing && performance.now() - started < TICK_BUDGET_MS);
      } else for (let i = 0; i < stepsPerTick && playing; i++) trainAll('step');
      stopIfDiverged();
      measureRate();
      if (!playing || performance.now() - lastFrameAt >= Math.max(1000 / frameHz, 3 * frameCostMs)) sendFrame();
      if (stepsPerTick === 0) await yieldNow();
      else await sleep(Math.max(0, 16 - (performance.now() - started)));
    }
  } finally {
    looping = false;
  }
  sendFrame();
}

function setPlaying(on: boolean) {
  playing = on && !runs.some((r) => r.diverged);
  if (playing) scrubbed = null;
  if (playing && !held) void loop();
  else sendFrame();
}

async function handle(message: PlaygroundRequest): Promise<unknown> {
  switch (message.type) {
    case 'init':
      backend ??= chooseBackend(message.override, []).then((name) => {
        post({ type: 'backend', name });
        return name;
      });
      await backend;
      {
        const f = await features();
        if (!f.webgpu && (!f.webgl2 || f.webglSoftware === true)) frameCap = SOFTWARE_FRAME_HZ;
        frameHz = Math.min(frameHz, frameCap);
      }
      build(message.config, message.runs);
      sendFrame();
      return tf.getBackend();
    case 'configure':
      playing = false;
      build(message.config, message.runs);
      sendFrame();
      return step();
    case 'play':
      setPlaying(message.playing);
      return playing;
    case 'hold':
      held = message.held;
      if (!held && playing) void loop();
      return held;
    case 'train':
      playing = false;
      scrubbed = null;
      trainAll(message.kind);
      stopIfDiverged();
      sendFrame();
      return step();
    case 'speed':
      stepsPerTick = message.stepsPerTick;
      frameHz = Math.min(message.frameHz, frameCap);
      return stepsPerTick;
    case 'scrub':
      playing = false;
      scrubbed = message.index;
      sendFrame();
      return scrubbed;
    case 'runTo':
      playing = false;
      scrubbed = null;
      while (step() < message.step) {
        trainAll('step');
        // Keep answering other messages during long runs; check for NaN as often.
        if (step() % 200 === 0) {
          if (stopIfDiverged()) break;
          await yieldNow();
        }
      }
      stopIfDiverged();
      sendFrame();
      return step();
    case 'numTensors':
      return tf.memory().numTensors;
  }
}

self.addEventListener('message', (event: MessageEvent<PlaygroundRequest>) => {
  const message = event.data;
  handle(message).then(
    (value) => post({ type: 'result', id: message.id, ok: true, value }),
    (error: unknown) => post({ type: 'result', id: message.id, ok: false, error: serializeError(error) }),
  );
});
