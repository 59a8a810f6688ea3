/**
 * Calls `activate` once for each element when it comes within 200 px of the viewport
 * (at once where IntersectionObserver is missing). Islands and the playground load
 * their code and TF.js this way, so a page pays nothing for figures the reader never
 * scrolls to.
 */
export function whenNearViewport(elements: Iterable<HTMLElement>, activate: (element: HTMLElement) => void): void {
  if (!('IntersectionObserver' in window)) {
    for (const element of elements) activate(element);
    return;
  }
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
  for (const element of elements) observer.observe(element);
}
