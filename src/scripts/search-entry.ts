/**
 * Entry of the search bundle that ./search-shortcut.ts loads on first use: mounts the header's
 * search form. Bundled on its own (imported there as `?worker&url`, which gives the URL of a
 * bundled ES module without Vite's preload helper in the site script).
 */
import { mount } from './search.ts';

const form = document.querySelector<HTMLFormElement>('.site-search');
const input = form?.querySelector('input');
if (form && input) {
  // The search page (src/pages/search.astro) is where the form goes without JavaScript: run its query.
  const query = new URLSearchParams(location.search).get('q');
  if (query && !input.value && document.querySelector('[data-search-page]')) input.value = query;
  mount(form);
}
