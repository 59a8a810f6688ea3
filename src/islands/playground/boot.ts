/**
 * The only playground code a page loads up front: it waits until a playground is about to
 * scroll into view, then loads the controller (which starts the training worker and TF.js).
 */
import { whenNearViewport } from '../near-viewport.ts';

const playgrounds = document.querySelectorAll<HTMLElement>('[data-playground]');

/**
 * Runs `callback` once the page's first contentful paint has been presented (Paint Timing),
 * then one task later: parsing the controller and starting the workers compete with the
 * compositor for the CPU, and on a slow machine they delayed the first picture by about a
 * second. Where Paint Timing is missing, or no paint is reported within 3 s (a background
 * tab), it runs after the next animation frame or at 3 s.
 */
function afterFirstPaint(callback: () => void) {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('paint') || painted()) {
    requestAnimationFrame(() => setTimeout(callback, 0));
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(fallback);
    setTimeout(callback, 0);
  };
  const fallback = setTimeout(run, 3000);
  const observer = new PerformanceObserver(() => {
    if (painted()) run();
  });
  observer.observe({ type: 'paint' });
}

function activate(root: HTMLElement) {
  afterFirstPaint(() => void load(root));
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
