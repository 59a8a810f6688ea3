/**
 * The only playground code a page loads up front: it waits until a playground is about to
 * scroll into view, then loads the controller (which starts the training worker and TF.js).
 */
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
  for (const root of playgrounds) observer.observe(root);
} else for (const root of playgrounds) activate(root);
export {};
