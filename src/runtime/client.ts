/**
 * Main-thread handle on the page's one TF.js worker. Tiny on purpose: it holds no TF.js, only
 * a message channel. The worker starts on the first call, i.e. when the first island becomes
 * visible, so a reader who never scrolls to an island never downloads TF.js.
 */
import { sitePath } from '../lib/urls.ts';
import { parseBackendOverride, type BackendName } from './backend-choice.ts';
import { RuntimeError } from './errors.ts';
import type { GenerateRequest, GenerateResult, PredictResult, WorkerMessage, WorkerRequest } from './protocol.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (value: unknown) => void; reject: (error: RuntimeError) => void };
export type ProgressListener = (loaded: number, total: number | null) => void;
export type BackendListener = (name: BackendName, notice: string | null) => void;

export class Runtime {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #progress = new Map<string, Set<ProgressListener>>();
  #backendListeners = new Set<BackendListener>();
  backend: BackendName | null = null;
  /** Resolves with the chosen backend, or rejects with a RuntimeError('no-backend'). */
  readonly ready: Promise<BackendName>;

  constructor(modelsBase: string, override: BackendName | null) {
    this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'minimax-tfjs' });
    this.#worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => this.#receive(event.data));
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#failAll(new RuntimeError('internal', 'The model worker failed to start; showing the pre-rendered image.'));
    });
    this.ready = this.#call<BackendName>({ type: 'init', override, modelsBase });
    // Callers attach their own handlers; this one only keeps an early failure from being "unhandled".
    this.ready.catch(() => {});
  }

  #receive(message: WorkerMessage) {
    if (message.type === 'progress') {
      for (const listener of this.#progress.get(message.model) ?? []) listener(message.loaded, message.total);
    } else if (message.type === 'backend') {
      this.backend = message.name;
      for (const listener of this.#backendListeners) listener(message.name, message.notice);
    } else {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new RuntimeError(message.error.kind, message.error.message));
    }
  }

  #failAll(error: RuntimeError) {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #call<T>(request: Distribute<WorkerRequest>, transfer: Transferable[] = []): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...request, id }, transfer);
    });
  }

  onProgress(model: string, listener: ProgressListener): () => void {
    let set = this.#progress.get(model);
    if (!set) this.#progress.set(model, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onBackend(listener: BackendListener): () => void {
    this.#backendListeners.add(listener);
    return () => this.#backendListeners.delete(listener);
  }

  /** Downloads, verifies, builds and warms up a model (once per page). */
  async load(model: string): Promise<{ latentDim: number; conditional: boolean }> {
    await this.ready;
    return this.#call({ type: 'load', model });
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    await this.ready;
    return this.#call({ type: 'generate', request });
  }

  /** @param image [28, 28, 1] in [-1, 1], flattened (784 values) */
  async predict(model: string, image: Float32Array): Promise<PredictResult> {
    await this.ready;
    return this.#call({ type: 'predict', model, image });
  }

  /** `tf.memory().numTensors` inside the worker; used by the leak test. */
  numTensors(): Promise<number> {
    return this.#call({ type: 'numTensors' });
  }

  /** Test hook: simulate a GPU driver reset. Resolves false when not on WebGL. */
  loseContext(): Promise<boolean> {
    return this.#call({ type: 'loseContext' });
  }
}

let shared: Runtime | null = null;

/** The page's runtime, created on first use and shared by every island. */
export function getRuntime(): Runtime {
  if (!shared) {
    shared = new Runtime(sitePath('models/'), parseBackendOverride(location.search));
    // A small debugging / test surface; it holds no secrets and costs nothing until used.
    const runtime = shared;
    (globalThis as { __minimax?: unknown }).__minimax = {
      runtime,
      numTensors: () => runtime.numTensors(),
      generate: (request: GenerateRequest) =>
        runtime.generate(request).then(({ ms, backend, width, height }) => ({ ms, backend, width, height })),
      loseContext: () => runtime.loseContext(),
      backend: () => runtime.backend,
    };
  }
  return shared;
}
