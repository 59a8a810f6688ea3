/**
 * The HTML validator the build is held to (src/lib/html-validity.ts) reports what the W3C Nu
 * checker reports, including invalid CSS in style attributes, and the KaTeX step
 * (src/markdown/katex-heights.ts) removes the one such error KaTeX produces.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { renderInlineText } from '../../../src/lib/inline-text.ts';
import { inlineCssProblems, validateSite } from '../../../src/lib/html-validity.ts';
import { htmlWithoutNegativeHeights, withoutNegativeHeights } from '../../../src/markdown/katex-heights.ts';

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main>${body}</main></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'minimax-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(body: string) {
  const file = join(dir, 'index.html');
  writeFileSync(file, page(body));
  const { invalid } = await validateSite(dir);
  return invalid.flatMap((p) => p.messages.map((m) => m.rule));
}

// The TeX in content/posts/gan-minimax-game.mdx that made KaTeX write `height:-0.6106em`.
const SUBSCRIPTED_INTEGRAL = String.raw`\int_x f(x)\,dx`;

describe('inline CSS check', () => {
  it('rejects a negative height and an unknown property, accepts what KaTeX and Shiki write otherwise', () => {
    expect(inlineCssProblems('height:-0.6106em;')).toHaveLength(1);
    expect(inlineCssProblems('colour:red')).toHaveLength(1);
    expect(inlineCssProblems('height:2.27em;vertical-align:-0.91em;top:-1.7em;margin-right:0.05em')).toEqual([]);
    expect(inlineCssProblems('--shiki-light:#24292f;--shiki-dark:#e6edf3;color:var(--shiki-light)')).toEqual([]);
  });
});

describe('validateSite', () => {
  it('accepts a valid page', async () => {
    expect(await validate('<p>Fine <a href="#x">link</a></p><h2 id="x">X</h2>')).toEqual([]);
  });

  it('reports what the Nu checker reports', async () => {
    expect(await validate('<p id="a">one</p><p id="a">two</p>')).toContain('no-dup-id');
    expect((await validate('<p><div>block in a paragraph</div></p>')).length).toBeGreaterThan(0);
    expect(await validate('<span style="height:-1em">x</span>')).toContain('minimax/valid-css');
    expect(await validate('<img src="a.png">')).toContain('wcag/h37');
  });

  it('fails on raw KaTeX output for a subscripted integral and passes once its heights are fixed', async () => {
    const raw = katex.renderToString(SUBSCRIPTED_INTEGRAL, { output: 'htmlAndMathml' });
    expect(raw).toMatch(/height:-[\d.]+em/);
    expect(await validate(`<p>${raw}</p>`)).toContain('minimax/valid-css');
    expect(await validate(`<p>${htmlWithoutNegativeHeights(raw)}</p>`)).toEqual([]);
  });

  it('applies the fix to inline TeX in Q&A text too', async () => {
    const html = renderInlineText(`A value $${SUBSCRIPTED_INTEGRAL}$.`);
    expect(html).not.toMatch(/height:-/);
    expect(await validate(`<p>${html}</p>`)).toEqual([]);
  });
});

describe('withoutNegativeHeights', () => {
  it('drops only negative heights', () => {
    expect(withoutNegativeHeights('height:-0.6106em;')).toBe('');
    expect(withoutNegativeHeights('top:-1em;height:-0.5em;margin:0')).toBe('top:-1em;margin:0');
    expect(withoutNegativeHeights('height:2em;vertical-align:-0.9em;')).toBe('height:2em;vertical-align:-0.9em;');
  });
});
