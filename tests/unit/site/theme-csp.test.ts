import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cspConfig, cspHash } from '../../../src/lib/csp.ts';
import { THEME_INIT_SCRIPT } from '../../../src/lib/theme.ts';

/** Run the inline theme snippet against stubbed browser globals; return the theme it sets. */
function runThemeSnippet(stored: string | null | 'throws', prefersDark: boolean): string | undefined {
  const dataset: Record<string, string> = {};
  const localStorage = {
    getItem: () => {
      if (stored === 'throws') throw new Error('SecurityError');
      return stored;
    },
  };
  const matchMedia = (query: string) => ({ matches: prefersDark && query.includes('dark') });
  const document = { documentElement: { dataset } };
  new Function('localStorage', 'matchMedia', 'document', THEME_INIT_SCRIPT)(localStorage, matchMedia, document);
  return dataset['theme'];
}

describe('no-flash theme snippet', () => {
  it.each([
    ['dark', false, 'dark'],
    ['light', true, 'light'],
    [null, true, 'dark'],
    [null, false, 'light'],
    ['purple', true, 'dark'],
    ['throws', true, 'dark'],
  ] as const)('stored %j, OS prefers dark %j -> %j', (stored, prefersDark, expected) => {
    expect(runThemeSnippet(stored, prefersDark)).toBe(expected);
  });
});

describe('Content-Security-Policy', () => {
  it('hashes text as CSP sha256 sources', () => {
    expect(cspHash('alert(1)')).toBe(`sha256-${createHash('sha256').update('alert(1)').digest('base64')}`);
    expect(cspHash('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it("allows the theme snippet by hash and never 'unsafe-inline' for scripts", () => {
    const csp = cspConfig();
    expect(csp.scriptDirective.hashes).toEqual([cspHash(THEME_INIT_SCRIPT)]);
    expect(JSON.stringify(csp.scriptDirective)).not.toContain('unsafe-inline');
    expect(csp.directives).toContain("default-src 'self'");
  });
});
