import { describe, expect, it } from 'vitest';
import { renderInlineText } from '../../../src/lib/inline-text.ts';

describe('inline text for Q&A lists', () => {
  it('escapes HTML', () => {
    expect(renderInlineText('a < b & "c"')).toBe('a &#60; b &#38; &#34;c&#34;');
  });

  it('renders $…$ with KaTeX and `…` as code', () => {
    const html = renderInlineText('Score $D(x)$ with `discriminator(x)`.');
    expect(html).toMatch(/^Score <span class="katex">/);
    expect(html).toContain('<code>discriminator(x)</code>.');
    expect(html).not.toContain('katex-error');
  });

  it('fails on invalid TeX instead of shipping an error', () => {
    expect(() => renderInlineText('bad $\\frac{1}$')).toThrow();
  });
});
