/// <reference lib="webworker" />
/**
 * The page's one TF.js runtime. Every island talks to this worker through ./client.ts; the
 * main thread never loads TF.js, so generation cannot make scrolling or typing stutter.
 * It picks a backend (WebGPU, WebGL, WASM, CPU, each with a self-test), downloads and verifies
 * each model once, and answers generate requests with pixels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { type BackendName } from './backend-choice.ts';
import { chooseBackend as pickBackend } from './backend-chain.ts';
import { RuntimeError, serializeError } from './errors.ts';
import { generateRgba, modelFromArtifacts, predictImages } from './generate.ts';
import { generatorCard, loadVerifiedArtifacts, type VerifiedArtifacts } from './model-loader.ts';
import type { GenerateRequest, WorkerMessage, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

let override: BackendName | null = null;
let modelsBase = '/models/';
let backend: Promise<BackendName> | null = null;
const excluded: BackendName[] = [];
/** Verified bytes, kept so a backend switch can rebuild models without downloading again. */
const artifacts = new Map<string, Promise<VerifiedArtifacts>>();
/** Models built on the current backend; cleared when the backend changes. */
const models = new Map<string, Promise<tfl.LayersModel>>();

const post = (message: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** The shared chain (./backend-chain.ts), with this worker's override and give-ups. */
const chooseBackend = () => pickBackend(override, excluded);

function currentBackend(): Promise<BackendName> {
  backend ??= chooseBackend().then((name) => {
    post({ type: 'backend', name, notice: null });
    return name;
  });
  return backend;
}

function loadArtifacts(model: string): Promise<VerifiedArtifacts> {
  let pending = artifacts.get(model);
  if (!pending) {
    pending = loadVerifiedArtifacts(`${modelsBase}${model}/`, ({ loaded, total }) => post({ type: 'progress', model, loaded, total }));
    // A failed download may be retried later (e.g. after the reader's network comes back).
    pending.catch(() => artifacts.delete(model));
    artifacts.set(model, pending);
  }
  return pending;
}

async function loadModel(model: string): Promise<{ layers: tfl.LayersModel; verified: VerifiedArtifacts }> {
  const [verified] = await Promise.all([loadArtifacts(model), currentBackend()]);
  let built = models.get(model);
  if (!built) {
    built = modelFromArtifacts(verified).then(async (layers) => {
      // Warm-up: compile shaders / JIT once so the reader's first click is fast.
      if (verified.card.kind !== 'generator') await predictImages(layers, new Float32Array(784).fill(-1), 1);
      else await generateRgba(layers, verified.card, { model, seed: 0, n: 1 });
      return layers;
    });
    built.catch(() => models.delete(model));
    models.set(model, built);
  }
  return { layers: await built, verified };
}

function contextLost(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  try {
    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    return gl.isContextLost();
  } catch {
    return true;
  }
}

/** After a lost GPU context: drop the dead backend and every model on it, and pick the next one. */
async function failOver(): Promise<BackendName> {
  const dead = tf.getBackend() as BackendName;
  excluded.push(dead);
  const old = [...models.values()];
  models.clear();
  backend = null;
  for (const pending of old) pending.then((m) => m.dispose()).catch(() => {});
  try {
    tf.removeBackend(dead);
  } catch {
    // a lost context can make disposal throw; the backend is unusable either way
  }
  override = null;
  try {
    const name = await chooseBackend();
    backend = Promise.resolve(name);
    post({ type: 'backend', name, notice: `The ${dead} context was lost; now running on ${name}.` });
    return name;
  } catch {
    throw new RuntimeError('context-lost', `The ${dead} context was lost and no other backend could take over.`);
  }
}

/**
 * Rejects if the WebGL context is lost while `work` runs: a read-back waits on a GPU fence that
 * a lost context never signals, so without this the request would hang forever.
 */
function unlessContextLost<T>(work: Promise<T>): Promise<T> {
  if (tf.getBackend() !== 'webgl') return work;
  let timer = 0;
  const watchdog = new Promise<never>((_, reject) => {
    timer = self.setInterval(() => {
      if (contextLost()) reject(new RuntimeError('context-lost', 'The WebGL context was lost.'));
    }, 250);
  });
  return Promise.race([work, watchdog]).finally(() => self.clearInterval(timer));
}

async function generate(
  request: GenerateRequest,
  retried = false,
): Promise<{
  pixels: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  ms: number;
  backend: BackendName;
}> {
  try {
    if (contextLost()) throw new RuntimeError('context-lost', 'The WebGL context was lost.');
    const { layers, verified } = await loadModel(request.model);
    const card = generatorCard(verified.card, request.model);
    const started = performance.now();
    const picture = await unlessContextLost(generateRgba(layers, card, request));
    const ms = performance.now() - started;
    if (contextLost()) throw new RuntimeError('context-lost', 'The WebGL context was lost.');
    return { pixels: picture.data, width: picture.width, height: picture.height, ms, backend: await currentBackend() };
  } catch (error) {
    if (!retried && contextLost()) {
      await failOver();
      return generate(request, true);
    }
    throw error;
  }
}

async function handle(message: WorkerRequest): Promise<{ value: unknown; transfer?: Transferable[] }> {
  switch (message.type) {
    case 'init':
      override = message.override;
      modelsBase = message.modelsBase;
      return { value: await currentBackend() };
    case 'load': {
      const { verified } = await loadModel(message.model);
      const { card } = verified;
      return {
        value:
          card.kind === 'generator' ? { latentDim: card.latentDim, conditional: card.conditional } : { latentDim: 0, conditional: false },
      };
    }
    case 'generate': {
      const result = await generate(message.request);
      return { value: result, transfer: [result.pixels.buffer] };
    }
    case 'predict': {
      if (contextLost()) await failOver();
      const { layers } = await loadModel(message.model);
      const started = performance.now();
      const outputs = Array.from(await unlessContextLost(predictImages(layers, message.image, 1)));
      return { value: { outputs, ms: performance.now() - started, backend: await currentBackend() } };
    }
    case 'numTensors':
      return { value: tf.memory().numTensors };
    case 'loseContext': {
      if (tf.getBackend() !== 'webgl') return { value: false };
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return { value: true };
    }
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  handle(message).then(
    ({ value, transfer }) => post({ type: 'result', id: message.id, ok: true, value }, transfer),
    (error: unknown) => post({ type: 'result', id: message.id, ok: false, error: serializeError(error) }),
  );
});
