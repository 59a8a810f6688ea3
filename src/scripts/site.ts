/**
 * The one site script (< 3 KB): theme toggle, copy buttons on code blocks and the offline
 * service worker's registration.
 * The initial theme is set earlier by the inline snippet in src/lib/theme.ts.
 */
import { THEME_STORAGE_KEY } from '../lib/theme.ts';
import './search-shortcut.ts';
import './cite-preview.ts';

type Theme = 'light' | 'dark';
const root = document.documentElement;
const media = matchMedia('(prefers-color-scheme: dark)');

function applyTheme(theme: Theme): void {
  // Writing the same value again would still restyle every element of a long article.
  if (root.dataset['theme'] !== theme) root.dataset['theme'] = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.theme-toggle')) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  }
}

function storedTheme(): string | null {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null; // storage disabled: the toggle still works for this page
  }
}

applyTheme(root.dataset['theme'] === 'dark' ? 'dark' : 'light');

for (const button of document.querySelectorAll<HTMLButtonElement>('.theme-toggle')) {
  button.addEventListener('click', () => {
    const next: Theme = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      /* not remembered, but applied */
    }
  });
}

// Follow the OS while the reader has not chosen.
media.addEventListener('change', (event) => {
  if (!storedTheme()) applyTheme(event.matches ? 'dark' : 'light');
});

// The blocks and their buttons are in the HTML (src/markdown/code-meta.ts): only reveal and wire them.
for (const button of document.querySelectorAll<HTMLButtonElement>('.code-block > .copy-button')) {
  const pre = button.previousElementSibling as HTMLElement;
  button.addEventListener('click', () => {
    const text = pre.querySelector('code')?.innerText ?? pre.innerText;
    navigator.clipboard.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Copy failed'),
    );
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  button.hidden = false;
}

// Offline reading: the Workbox service worker written at build (src/integrations/service-worker.ts).
const sw = navigator.serviceWorker;
if (sw && import.meta.env.PROD) {
  const base = `${location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}`;
  // First visit: the page loaded before the worker existed, so ask again once it controls the
  // page; the worker caches the page and what it had loaded.
  if (!sw.controller) {
    sw.addEventListener(
      'controllerchange',
      () => {
        for (const url of [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)]) {
          if (url.startsWith(base)) fetch(url).catch(() => {});
        }
      },
      { once: true },
    );
  }
  addEventListener('load', () => sw.register(`${base}sw.js`).catch(() => {}));
}
