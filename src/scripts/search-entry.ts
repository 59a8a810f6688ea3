/**
 * Entry of the search bundle that ./search-shortcut.ts loads on first use: mounts the header's
 * search form. Bundled on its own (imported there as `?worker&url`, which gives the URL of a
 * bundled ES module without Vite's preload helper in the site script).
 */
import { mount } from './search.ts';

const form = document.querySelector<HTMLFormElement>('.site-search');
if (form) mount(form);
