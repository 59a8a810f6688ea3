/**
 * The only playground code a page loads up front: it waits until a playground is about to
 * scroll into view, then loads the controller (which starts the training worker and TF.js).
 */
import { whenNearViewport } from '../near-viewport.ts';

const playgrounds = document.querySelectorAll<HTMLElement>('[data-playground]');

/** After the frame being rendered is painted: the page's first paint never waits for the controller. */
const afterPaint = (callback: () => void) => requestAnimationFrame(() => setTimeout(callback, 0));

function activate(root: HTMLElement) {
  afterPaint(() => void load(root));
}

function load(root: HTMLElement) {
  return import('./controller.ts').then(
    (controller) => controller.mount(root),
    () => {
      const message = root.querySelector('.pg-message');
      if (message) message.textContent = 'The playground could not load its code; the rest of the page works without it.';
      root.dataset['state'] = 'error';
    },
  );
}

whenNearViewport(playgrounds, activate);
