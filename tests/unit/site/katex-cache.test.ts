import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeKatexCached, saveKatexCache } from '../../../src/markdown/katex-cache.ts';

const MARKDOWN =
  'Inline $D(G(z))$ and $x$, again $x$.\n\n$$\n\\min_G \\max_D V(D, G)\n$$\n\n> quoted $\\frac{a}{b}$\n\n```math\n\\sum_i x_i\n```\n';

async function html(plugin: 'plain' | 'cached', markdown = MARKDOWN, cacheDir?: string): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkMath).use(remarkRehype);
  const withKatex = plugin === 'plain' ? processor.use(rehypeKatex) : processor.use(rehypeKatexCached, cacheDir ? { cacheDir } : {});
  return String(await withKatex.use(rehypeStringify).process(markdown));
}

describe('rehypeKatexCached', () => {
  it('writes exactly what rehype-katex writes, on a miss and on a hit', async () => {
    const expected = await html('plain');
    expect(await html('cached')).toBe(expected); // misses (and repeated $x$ within the page)
    expect(await html('cached')).toBe(expected); // hits
    expect(expected).not.toContain('minimax-katex-pending');
  });

  it('keeps formulas between builds in its cache folder, and never caches a failed formula', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'katex-cache-'));
    saveKatexCache(); // start the count of new formulas from here
    await html('cached', '$y^2$ and $y^3$', dir);
    const first = saveKatexCache();
    expect(first.file?.startsWith(dir)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(first.added).toBe(2);
    await html('cached', '$y^4$ and $\\badcommand$', dir);
    const saved = saveKatexCache();
    // A page with a formula KaTeX could not read is not cached: it is reported again next time.
    expect(saved.added).toBe(0);
    const processor = unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeKatexCached, { cacheDir: dir })
      .use(rehypeStringify);
    const file = await processor.process('$\\badcommand$');
    expect(file.messages.map((m) => m.source)).toContain('rehype-katex');
  });
});
