/**
 * The only playground code a page loads up front: it waits until a playground is about to
 * scroll into view, then loads the controller (which starts the training worker and TF.js).
 */
import { whenNearViewport } from '../near-viewport.ts';

const playgrounds = document.querySelectorAll<HTMLElement>('[data-playground]');

function activate(root: HTMLElement) {
  import('./controller.ts').then(
    (controller) => controller.mount(root),
    () => {
      const message = root.querySelector('.pg-message');
      if (message) message.textContent = 'The playground could not load its code; the rest of the page works without it.';
      root.dataset['state'] = 'error';
    },
  );
}

whenNearViewport(playgrounds, activate);
