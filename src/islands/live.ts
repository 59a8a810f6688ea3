/**
 * What every island controller shares: talking to the page runtime, drawing results onto the
 * canvas (which then replaces the fallback image), the progress bar, the status line and the
 * badge. Requests are "latest wins": while one generation runs, newer requests replace each
 * other, so dragging a slider never queues up hundreds of frames.
 */
import { getRuntime, type Runtime } from '../runtime/client.ts';
import type { GenerateRequest, GenerateResult } from '../runtime/protocol.ts';
import { parseIslandConfig, type IslandConfig, type IslandKind } from './configs.ts';

const formatBytes = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`);

export class LiveIsland {
  readonly root: HTMLElement;
  readonly runtime: Runtime;
  readonly canvas: HTMLCanvasElement;
  readonly fallback: HTMLImageElement | null;
  readonly #message: HTMLElement;
  readonly #progress: HTMLProgressElement;
  readonly #badge: HTMLElement;
  #wanted: GenerateRequest | null = null;
  #running: Promise<void> | null = null;
  #failed = false;
  /** The status line shows download progress that should be cleared once the download is done. */
  #showsProgress = false;
  /** Called after each picture is drawn. */
  onDrawn: ((result: GenerateResult, request: GenerateRequest) => void) | null = null;

  constructor(root: HTMLElement) {
    this.root = root;
    this.canvas = root.querySelector('canvas.mm-canvas') as HTMLCanvasElement;
    this.fallback = root.querySelector('img.mm-fallback');
    this.#message = root.querySelector('.mm-message') as HTMLElement;
    this.#progress = root.querySelector('.mm-progress') as HTMLProgressElement;
    this.#badge = root.querySelector('.mm-badge') as HTMLElement;
    this.runtime = getRuntime();
    this.runtime.onBackend((name, notice) => {
      this.#badge.textContent = name;
      if (notice) this.say(notice);
    });
  }

  /**
   * This island's settings, checked against `kind`'s shape (./configs.ts).
   * @throws when the element is another island or a field is missing or mistyped
   */
  config<K extends IslandKind>(kind: K): IslandConfig<K> {
    const mounted = this.root.dataset['island'];
    if (mounted !== kind) throw new Error(`A ${kind} controller was mounted on a "${mounted ?? 'unnamed'}" island.`);
    return parseIslandConfig(kind, this.root.dataset['config']);
  }

  say(text: string) {
    this.#message.textContent = text;
  }

  controls(): (HTMLButtonElement | HTMLInputElement)[] {
    return [...this.root.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.mm-controls button, .mm-controls input')];
  }

  enable(on = true) {
    for (const control of this.controls()) control.disabled = !on;
  }

  /** Shows `error` in the island and leaves the static image in place; the article reads on. */
  fail(error: unknown) {
    this.#failed = true;
    this.root.dataset['state'] = 'error';
    this.#progress.hidden = true;
    this.enable(false);
    const reason = error instanceof Error ? error.message : String(error);
    const still = this.fallback && !this.fallback.hidden ? ' The picture shown was rendered when the site was built.' : '';
    this.say(`Live demo unavailable: ${reason}${still}`);
  }

  #watchProgress(model: string): () => void {
    return this.runtime.onProgress(model, (loaded, total) => {
      this.#progress.hidden = false;
      this.#showsProgress = true;
      if (total) {
        this.#progress.max = total;
        this.#progress.value = Math.min(loaded, total);
      } else this.#progress.removeAttribute('value');
      this.say(`Downloading the model: ${formatBytes(loaded)}${total ? ` of ${formatBytes(total)}` : ''}`);
    });
  }

  /** Loads (downloads, verifies, warms up) a model; false after showing the error. */
  async prepare(model: string): Promise<boolean> {
    this.root.dataset['state'] = 'loading';
    this.say('Starting the model…');
    const unwatch = this.#watchProgress(model);
    try {
      await this.runtime.load(model);
      this.#progress.hidden = true;
      this.#showsProgress = false;
      this.say('');
      this.root.dataset['state'] = 'ready';
      this.enable();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      unwatch();
    }
  }

  /** Asks for a picture; resolves once the newest request so far has been drawn (or failed). */
  request(request: GenerateRequest): Promise<void> {
    this.#wanted = request;
    this.#running ??= this.#drain().finally(() => (this.#running = null));
    return this.#running;
  }

  async #drain() {
    while (this.#wanted && !this.#failed) {
      const request = this.#wanted;
      this.#wanted = null;
      const unwatch = this.#watchProgress(request.model);
      try {
        const result = await this.runtime.generate(request);
        this.#progress.hidden = true;
        if (this.#showsProgress) this.say('');
        this.#showsProgress = false;
        this.#draw(result);
        this.onDrawn?.(result, request);
      } catch (error) {
        this.fail(error);
      } finally {
        unwatch();
      }
    }
  }

  #draw(result: GenerateResult) {
    const { canvas } = this;
    if (canvas.width !== result.width) canvas.width = result.width;
    if (canvas.height !== result.height) canvas.height = result.height;
    canvas.getContext('2d')?.putImageData(new ImageData(result.pixels, result.width, result.height), 0, 0);
    canvas.hidden = false;
    if (this.fallback) this.fallback.hidden = true;
    this.root.querySelector('.mm-missing')?.remove();
    this.root.dataset['state'] = 'live';
    this.showTiming(result.backend, result.ms);
  }

  showTiming(backend: string, ms: number) {
    this.#badge.textContent = `${backend} · ${ms.toFixed(0)} ms`;
  }

  setLabel(text: string) {
    this.canvas.setAttribute('aria-label', text);
  }
}
