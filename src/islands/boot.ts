/**
 * The only island code a page ships up front. It waits until an island is about to scroll into
 * view and only then loads that island's controller (which starts the TF.js worker).
 */
import type { IslandKind } from './configs.ts';
import { whenNearViewport } from './near-viewport.ts';

type Controller = { mount(root: HTMLElement): Promise<void> };

const controllers: Record<IslandKind, () => Promise<Controller>> = {
  'sample-grid': () => import('./sample-grid.client.ts'),
  'conditional-sampler': () => import('./conditional-sampler.client.ts'),
  'latent-walk': () => import('./latent-walk.client.ts'),
  'training-scrubber': () => import('./training-scrubber.client.ts'),
  'digit-probe': () => import('./digit-probe.client.ts'),
};

function activate(root: HTMLElement) {
  const load = controllers[root.dataset['island'] as IslandKind] as (typeof controllers)[IslandKind] | undefined;
  // A controller that fails to load or to mount (e.g. a bad config) leaves the static picture and says so.
  load?.()
    .then((controller) => controller.mount(root))
    .catch(() => {
      const message = root.querySelector('.mm-message');
      if (message) message.textContent = 'The live demo could not load; the picture above was rendered when the site was built.';
    });
}

const islands = document.querySelectorAll<HTMLElement>('[data-island]');
whenNearViewport(islands, activate);
