/**
 * Part of the site script: the search box's shortcuts (`/`, Ctrl+K, Cmd+K) and the lazy load
 * of the search code (./search-entry.ts) the first time the box gets focus, so a reader who never
 * searches downloads none of it. `?worker&url` makes Vite bundle that file on its own and give
 * its URL; importing a URL (not a module of the graph) keeps Vite's ~0.9 KB preload helper out
 * of every page's JavaScript.
 */
import searchEntry from './search-entry.ts?worker&url';

const form = document.querySelector<HTMLFormElement>('.site-search');
const input = form?.querySelector('input');
if (input) {
  input.addEventListener('focus', () => void import(/* @vite-ignore */ searchEntry), { once: true });
  // The search page with a query (the form's target without JavaScript): start at once.
  if (location.search && document.querySelector('[data-search-page]')) input.focus();
  document.addEventListener('keydown', (event) => {
    // "/" only when not typing elsewhere; Ctrl+K / Cmd+K from anywhere.
    const typing = (event.target as Element).closest('input, textarea, select, [contenteditable]');
    if ((event.key === '/' && !typing) || (event.key === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
    }
  });
}
