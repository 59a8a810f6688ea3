/**
 * The search box's behaviour, loaded on first use (./search-shortcut.ts), never before: it
 * loads Pagefind's browser API from the index the build wrote (src/integrations/search-index.ts)
 * and shows up to eight results, each a link with the page title and an excerpt. Pagefind's own
 * UI is not used: it injects styles, which the site's CSP does not allow, and it is larger.
 * Pagefind runs its WebAssembly under `'wasm-unsafe-eval'` and fetches from `'self'`.
 */
import { sitePath } from '../lib/urls.ts';

interface PagefindResultData {
  url: string;
  /** Text around the match, with the matched words in <mark> (HTML escaped by Pagefind). */
  excerpt: string;
  meta: { title?: string };
}
interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_RESULTS = 8;
const base = sitePath();
let api: Promise<PagefindApi> | undefined;

function pagefind(): Promise<PagefindApi> {
  api ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindApi;
    await module.options({ baseUrl: base, excerptLength: 24 });
    await module.init();
    return module;
  })();
  return api;
}

/** Wires up one search form (idempotent). */
export function mount(form: HTMLFormElement): void {
  if (form.dataset['mounted']) return;
  form.dataset['mounted'] = 'true';
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  const status = form.querySelector<HTMLElement>('[role="status"]');
  const panel = form.querySelector<HTMLElement>('.site-search-results');
  const list = panel?.querySelector('ol');
  if (!input || !status || !panel || !list) return;
  let latest = 0;

  const links = () => [...list.querySelectorAll('a')];
  const close = () => (panel.hidden = true);
  const show = (items: Node[], message: string) => {
    list.replaceChildren(...items);
    status.textContent = message;
    panel.hidden = false;
  };
  const note = (text: string) => {
    const item = document.createElement('li');
    item.className = 'site-search-message';
    item.textContent = text;
    return item;
  };

  const run = async (term: string) => {
    const query = term.trim();
    const ticket = ++latest;
    if (query === '') {
      list.replaceChildren();
      status.textContent = '';
      close();
      return;
    }
    let search;
    try {
      search = await (await pagefind()).debouncedSearch(query, {}, 150);
    } catch {
      show([note('Search is not available here: the index is made by `npm run build`.')], 'Search is not available.');
      return;
    }
    // null: a newer keystroke superseded this search; a stale ticket: an older one finished late.
    if (search === null || ticket !== latest) return;
    const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (ticket !== latest) return;
    const items = found.map((data) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = data.url;
      link.textContent = data.meta.title ?? data.url;
      const excerpt = document.createElement('p');
      excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text; only <mark> is markup
      item.append(link, excerpt);
      return item;
    });
    const count = search.results.length;
    const message =
      count === 0
        ? `No results for “${query}”.`
        : `${count} result${count === 1 ? '' : 's'} for “${query}”${count > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ''}.`;
    show(items.length ? items : [note(message)], message);
  };

  input.addEventListener('input', () => void run(input.value));
  input.addEventListener('focus', () => {
    if (list.childElementCount > 0) panel.hidden = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.focus();
    else void run(input.value);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      input.focus(); // first: focusing the box reopens the results
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) close();
  });
  if (input.value) void run(input.value);
}
