/// <reference lib="webworker" />
/**
 * The playground's paint worker: paints the training worker's frames (./painter.ts) on canvases
 * of its own and sends the page each changed canvas as an ImageBitmap.
 */
import { paintLoop, type PaintReply, type PaintRequest, type PanelSizes } from './painter.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Replies leave in the order they were made, each with copies of the canvases as they were then. */
let sent: Promise<void> = Promise.resolve();
function reply(message: PaintReply) {
  if (message.type !== 'painted') {
    sent = sent.then(() => self.postMessage(message));
    return;
  }
  const bitmaps = Promise.all(message.changed.map(({ panel, canvas }) => createImageBitmap(loop.panels[panel]![canvas])));
  sent = sent.then(async () => {
    try {
      const copies = await bitmaps;
      self.postMessage({ ...message, bitmaps: copies }, copies);
    } catch (error) {
      self.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

const canvases = (sizes: PanelSizes[]) =>
  sizes.map((size) => ({
    plane: new OffscreenCanvas(...size.plane),
    optimal: new OffscreenCanvas(...size.optimal),
    curves: new OffscreenCanvas(...size.curves),
  }));

// A zero-delay timeout: frames that queued up while one was painted collapse into the latest.
const loop = paintLoop(reply, (callback) => setTimeout(callback, 0), canvases);
self.addEventListener('message', (event: MessageEvent<PaintRequest>) => loop.handle(event.data));
