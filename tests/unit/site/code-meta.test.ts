import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { parseCodeMeta, transformerCodeMeta } from '../../../src/markdown/code-meta.ts';

describe('code block meta', () => {
  it.each([
    [undefined, undefined, []],
    ['title="losses.ts"', 'losses.ts', []],
    ["{1,3-4} title='a b.ts'", 'a b.ts', [1, 3, 4]],
    ['title="x{1}.ts" {2}', 'x{1}.ts', [2]],
    ['{5-3}', undefined, [3, 4, 5]],
  ])('parses %j', (raw, title, lines) => {
    const meta = parseCodeMeta(raw);
    expect(meta.title).toBe(title);
    expect([...meta.highlightedLines].sort((x, y) => x - y)).toEqual(lines);
  });

  it('marks highlighted lines and wraps titled blocks in a figure', async () => {
    const html = await codeToHtml('a\nb\nc', {
      lang: 'ts',
      theme: 'github-light-default',
      meta: { __raw: 'title="demo.ts" {2}' },
      transformers: [transformerCodeMeta()],
    });
    expect(html).toMatch(/^<figure class="code-figure"><figcaption class="code-title">demo.ts<\/figcaption><div class="code-block"><pre/);
    expect(html).toMatch(
      /<\/pre><button type="button" class="copy-button" hidden aria-live="polite" data-pagefind-ignore="">Copy<\/button><\/div><\/figure>$/,
    );
    expect(html.match(/class="line highlighted"/g)).toHaveLength(1);
    expect(html).toMatch(/<span class="line highlighted"><span[^>]*>b</);
  });

  it('leaves plain blocks alone', async () => {
    const html = await codeToHtml('a', { lang: 'ts', theme: 'github-light-default', transformers: [transformerCodeMeta()] });
    expect(html.startsWith('<div class="code-block"><pre')).toBe(true);
    expect(html).toContain('<button type="button" class="copy-button" hidden');
    expect(html).not.toContain('highlighted');
  });
});
