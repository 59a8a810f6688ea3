/**
 * Escape dismisses a citation preview (WCAG 1.4.13: content shown on hover or focus can be
 * dismissed without moving the pointer or the focus). The previews themselves are CSS
 * (:hover, :focus-within in src/components/Cite.astro); this only marks the citation as
 * dismissed until the pointer leaves it or the focus moves on. Pages without citations
 * pay one listener.
 */
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = document.querySelectorAll<HTMLElement>('.cite:hover, .cite:focus-within');
  for (const cite of open) {
    cite.dataset['dismissed'] = '';
    const reset = () => delete cite.dataset['dismissed'];
    cite.addEventListener('mouseleave', reset, { once: true });
    cite.addEventListener('focusout', reset, { once: true });
  }
});
