/**
 * Part of the site script: the search box's shortcuts (`/`, Ctrl+K, Cmd+K) and the lazy load
 * of the search code (./search-entry.ts) the first time the box gets focus, so a reader who never
 * searches downloads none of it. `?worker&url` makes Vite bundle that file on its own and give
 * its URL; importing a URL (not a module of the graph) keeps Vite's ~0.9 KB preload helper out
 * of every page's JavaScript.
 */
import searchEntry from './search-entry.ts?worker&url';

const input = document.querySelector<HTMLInputElement>('.site-search input');
if (input) {
  // Every focus asks; the browser fetches and runs the module once.
  input.addEventListener('focus', () => import(/* @vite-ignore */ searchEntry));
  // The search page with a query (the form's target without JavaScript): start at once.
  if (location.search && document.querySelector('[data-search-page]')) input.focus();
  document.addEventListener('keydown', (event) => {
    // "/" unless typing in a form field (they all have a value); Ctrl+K / Cmd+K from anywhere.
    if ((event.key === '/' && !('value' in (event.target as object))) || (event.key === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
    }
  });
}
