/**
 * The controller's handle on the painter (./painter.ts): the paint worker where the browser has
 * OffscreenCanvas and ImageBitmaps, else the same paint loop on the main thread. Either way the
 * controller sends the same messages and hears when a paint is on the page.
 */
import { paintLoop, type Changed, type PaintReply, type PaintRequest, type PaintStyle, type PanelCanvases } from './painter.ts';
import { frameBuffers, type PlaygroundFrame } from './protocol.ts';

export class PaintClient {
  /** Whether frames are painted in the paint worker (false: on the main thread). */
  readonly offThread: boolean;
  /** A paint is on the page's canvases (the worker's pictures were swapped in, in this task). */
  onPainted: ((what: 'preview' | 'frame' | 'drawing') => void) | null = null;
  onFailed: ((message: string) => void) | null = null;
  #send: (message: PaintRequest, transfer?: Transferable[]) => void;
  #nextId = 1;
  #pixels = new Map<number, (data: Uint8ClampedArray | null) => void>();
  #canvases: PanelCanvases<HTMLCanvasElement>[] = [];

  constructor() {
    const receive = (message: PaintReply) => {
      if (message.type === 'painted') {
        if (message.bitmaps) this.#show(message.changed, message.bitmaps);
        this.onPainted?.(message.what);
      } else if (message.type === 'failed') this.onFailed?.(message.message);
      else {
        this.#pixels.get(message.id)?.(message.data);
        this.#pixels.delete(message.id);
      }
    };
    this.offThread = typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';
    if (this.offThread) {
      const worker = new Worker(new URL('./paint-worker.ts', import.meta.url), { type: 'module', name: 'minimax-playground-paint' });
      worker.addEventListener('message', (event: MessageEvent<PaintReply>) => receive(event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        receive({ type: 'failed', message: 'The drawing worker failed to start.' });
      });
      this.#send = (message, transfer = []) => worker.postMessage(message, transfer);
    } else {
      const loop = paintLoop(
        receive,
        (callback) => requestAnimationFrame(callback),
        () => this.#canvases,
      );
      this.#send = (message) => loop.handle(message);
    }
  }

  #show(changed: Changed[], bitmaps: ImageBitmap[]) {
    changed.forEach(({ panel, canvas }, i) => {
      const bitmap = bitmaps[i];
      const target = this.#canvases[panel]?.[canvas];
      if (!bitmap) return;
      if (target) target.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
      else bitmap.close();
    });
  }

  /** New canvases for the painter to paint (the old ones are no longer painted). */
  panels(panels: PanelCanvases<HTMLCanvasElement>[], style: PaintStyle) {
    this.#canvases = panels;
    const sizes = panels.map((p) => ({
      plane: [p.plane.width, p.plane.height] as [number, number],
      optimal: [p.optimal.width, p.optimal.height] as [number, number],
      curves: [p.curves.width, p.curves.height] as [number, number],
    }));
    this.#send({ type: 'panels', sizes, style });
  }

  preview(points: Float32Array) {
    this.#send({ type: 'preview', points });
  }

  /** Sends a frame to be painted; its arrays are handed over, so the caller must not read them after. */
  frame(frame: PlaygroundFrame) {
    this.#send({ type: 'frame', frame }, this.offThread ? frameBuffers(frame) : []);
  }

  drawing(points: readonly number[], inFrames: boolean) {
    this.#send({ type: 'drawing', points: Float32Array.from(points), inFrames });
  }

  /** RGBA pixels of run `index`'s plane as painted after every frame sent so far. */
  pixels(index: number): Promise<Uint8ClampedArray | null> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pixels.set(id, resolve);
      this.#send({ type: 'pixels', id, index });
    });
  }
}
