/**
 * Main-thread handle on the playground's training worker: request/response calls plus a stream
 * of frames. Holds no TF.js.
 */
import { RuntimeError } from '../../runtime/errors.ts';
import type { PlaygroundFrame, PlaygroundMessage, PlaygroundRequest } from './protocol.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class PlaygroundWorker {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: RuntimeError) => void }>();
  onFrame: ((frame: PlaygroundFrame) => void) | null = null;
  onBackend: ((name: string) => void) | null = null;

  constructor() {
    this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'minimax-playground' });
    this.#worker.addEventListener('message', (event: MessageEvent<PlaygroundMessage>) => this.#receive(event.data));
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      for (const p of this.#pending.values()) p.reject(new RuntimeError('internal', 'The training worker failed to start.'));
      this.#pending.clear();
    });
  }

  #receive(message: PlaygroundMessage) {
    if (message.type === 'frame') this.onFrame?.(message.frame);
    else if (message.type === 'backend') this.onBackend?.(message.name);
    else {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new RuntimeError(message.error.kind, message.error.message));
    }
  }

  call<T = unknown>(request: Distribute<PlaygroundRequest>): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }
}
