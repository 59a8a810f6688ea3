/**
 * The only island code a page ships up front. It waits until an island is about to scroll into
 * view and only then loads that island's controller (which starts the TF.js worker).
 */
type Controller = { mount(root: HTMLElement): void };

const controllers: Record<string, () => Promise<Controller>> = {
  'sample-grid': () => import('./sample-grid.client'),
  'conditional-sampler': () => import('./conditional-sampler.client'),
  'latent-walk': () => import('./latent-walk.client'),
  'training-scrubber': () => import('./training-scrubber.client'),
  'digit-probe': () => import('./digit-probe.client'),
};

function activate(root: HTMLElement) {
  controllers[root.dataset['island'] ?? '']?.().then(
    (controller) => controller.mount(root),
    () => {
      const message = root.querySelector('.mm-message');
      if (message) message.textContent = 'The live demo could not load; the picture above was rendered when the site was built.';
    },
  );
}

const islands = document.querySelectorAll<HTMLElement>('[data-island]');
if ('IntersectionObserver' in window) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        activate(entry.target as HTMLElement);
      }
    },
    { rootMargin: '200px 0px' },
  );
  for (const island of islands) observer.observe(island);
} else {
  for (const island of islands) activate(island);
}
