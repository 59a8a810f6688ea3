/**
 * The no-flash theme snippet. It must run before first paint, so it is the one
 * inline script on every page; its exact text is hashed into the
 * Content-Security-Policy by astro.config.mjs (see `cspHash`), so any edit here
 * updates the policy automatically.
 *
 * Rule: a saved choice (localStorage "theme") wins, else the OS preference.
 * Without JavaScript the CSS falls back to `prefers-color-scheme` alone.
 */
export const THEME_STORAGE_KEY = 'theme';

export const THEME_INIT_SCRIPT =
  `(()=>{let t;try{t=localStorage.getItem("${THEME_STORAGE_KEY}")}catch{}` +
  `if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";` +
  `document.documentElement.dataset.theme=t})()`;
