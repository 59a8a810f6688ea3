/**
 * The one site script (< 2 KB): theme toggle and copy buttons on code blocks.
 * The initial theme is set earlier by the inline snippet in src/lib/theme.ts.
 */
import { THEME_STORAGE_KEY } from '../lib/theme.ts';

type Theme = 'light' | 'dark';
const root = document.documentElement;
const media = matchMedia('(prefers-color-scheme: dark)');

function applyTheme(theme: Theme): void {
  root.dataset['theme'] = theme;
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

for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  pre.replaceWith(wrapper);
  wrapper.append(pre);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-live', 'polite'); // announce "Copied"
  button.addEventListener('click', () => {
    const text = pre.querySelector('code')?.innerText ?? pre.innerText;
    navigator.clipboard.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Copy failed'),
    );
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  wrapper.append(button);
}
