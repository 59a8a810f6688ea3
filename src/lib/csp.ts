/**
 * Content-Security-Policy for every page, applied through Astro's `security.csp`
 * (it emits a <meta http-equiv="content-security-policy"> and adds the hashes of
 * the scripts and styles it bundles). We add the hash of our one inline script.
 */
import { createHash } from 'node:crypto';
import type { AstroUserConfig } from 'astro';
import { THEME_INIT_SCRIPT } from './theme.ts';

/** CSP source expression for an inline script or style, e.g. `sha256-abc…=`. */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/** Value for `security.csp` in astro.config.mjs. */
export function cspConfig() {
  return {
    algorithm: 'SHA-256',
    directives: [
      "default-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ],
    scriptDirective: {
      // 'wasm-unsafe-eval' lets the TF.js WASM backend compile its module; it does
      // not allow eval() of JavaScript.
      resources: ["'self'", "'wasm-unsafe-eval'"],
      hashes: [cspHash(THEME_INIT_SCRIPT)],
    },
    styleDirective: {
      // KaTeX and Shiki write per-element style attributes (glyph heights, token
      // colours); attributes cannot be hashed, so only they get 'unsafe-inline'.
      // <style> elements stay hash-only.
      resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
    },
  } satisfies CspConfig;
}
