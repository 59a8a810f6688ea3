/**
 * KaTeX placeholders (src/markdown/katex-cache.ts): an MDX file compiled with Astro's MDX
 * pipeline (`optimize` on) gives the same JavaScript with placeholders for cached formulas as
 * with the formulas' nodes in the tree, including formulas `optimize` leaves as JSX (a component
 * after them in the paragraph), in headings, in tables and in components.
 */
import { createProcessor } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
// Astro's MDX step that writes static subtrees as one HTML string (not exported by the package).
import { rehypeOptimizeStatic } from '../../../node_modules/@astrojs/markdown-remark/dist/mdx/rehype-optimize-static.js';
import { compileWithKatexPlaceholders, recmaKatexPlaceholders, rehypeKatexCached } from '../../../src/markdown/katex-cache.ts';
import { rehypeKatexHeights } from '../../../src/markdown/katex-heights.ts';

const SOURCE = [
  'import Cite from "./Cite.astro";',
  '',
  '# The value $V(D, G)$',
  '',
  'A generator $G$ and a discriminator $D$, with $\\int_0^1 x_i^2 \\, dx$.',
  '',
  'Here $G$ is followed by a component <Cite id="a" /> and then $D$ again.',
  '',
  '$$',
  '\\min_G \\max_D V(D, G)',
  '$$',
  '',
  '| loss | objective |',
  '| --- | --- |',
  '| minimax | $\\log(1 - D(G(z)))$ |',
  '',
  '<Cite id="b">inside a component: $G$ and $\\int_0^1 x_i^2 \\, dx$</Cite>',
  '',
].join('\n');

const processor = createProcessor({
  jsxImportSource: 'astro',
  elementAttributeNameCase: 'html',
  remarkPlugins: [remarkMath],
  rehypePlugins: [rehypeKatexCached, rehypeKatexHeights, rehypeOptimizeStatic],
  recmaPlugins: [recmaKatexPlaceholders],
});

const compile = async (path: string) => String(await processor.process({ value: SOURCE, path }));

describe('KaTeX placeholders', () => {
  it('give the same compiled MDX as the formulas themselves', async () => {
    const plain = await compile('/posts/a.mdx'); // misses: rehype-katex renders, the cache records
    expect(await compile('/posts/b.mdx')).toBe(plain.replaceAll('/posts/a.mdx', '/posts/b.mdx')); // hits, no placeholders
    let rounds = 0;
    const withPlaceholders = await compileWithKatexPlaceholders('/posts/c.mdx', () => {
      rounds++;
      return compile('/posts/c.mdx');
    });
    // The formulas before <Cite id="a" /> were left as JSX by `optimize`: a second round writes them out.
    expect(rounds).toBe(2);
    expect(withPlaceholders).toBe(plain.replaceAll('/posts/a.mdx', '/posts/c.mdx'));
    expect(withPlaceholders).not.toContain('minimax-katex');
    expect(plain).toContain('class=\\"katex\\"');
  });
});
