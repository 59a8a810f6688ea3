import { createHash } from 'node:crypto';
import katex from 'katex';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { EXCLUDED_CLASSES as EXCLUDED, PAGEFIND_OPTIONS } from '../../../src/integrations/search-index.ts';
import { searchDocument } from '../../../src/lib/search-documents.ts';

const maths = (tex: string, displayMode = false) => katex.renderToString(tex, { displayMode, output: 'htmlAndMathml' });

/** A built page as the site writes one: CSS, chrome and structured data around the marked article. */
function page(body: string, { marked = true } = {}): string {
  return `<!DOCTYPE html><html lang="en" data-theme="auto"><head><meta charset="utf-8">
<title>The minimax game | Minimax</title><meta name="description" content="What G &amp; D optimise">
<style>.post-body>p{margin:0 0 1em}.katex{font:normal 1.21em KaTeX_Main}</style>
<script type="application/ld+json">{"@type":"Article","headline":"Game"}</script></head>
<body><a class="skip" href="#main">Skip to content</a><header><nav><a href="/">Home</a> <a href="/tags/">Tags</a>
<input type="search" placeholder="Search posts"></nav></header><main id="main">
${marked ? `<article class="post" data-pagefind-body>${body}</article>` : `<article class="post">${body}</article>`}
</main><footer><p>Footer words that are not indexed</p></footer><script type="module" src="/_astro/x.js"></script></body></html>`;
}

const ARTICLE = `<header class="post-header"><h1>The minimax game <span class="draft-badge">Draft</span></h1>
<p class="description">Why the best discriminator is a density ratio &amp; more.</p></header>
<div class="post-body"><p>The generator ${maths('G')} maps ${maths('z \\sim p_z')} to a sample; the discriminator
${maths('D(x) \\in (0, 1)')} scores one sample.</p>
<h2 id="value-function"><a href="#value-function">The value function</a></h2>
${maths('\\min_G \\max_D V(D, G) = \\mathbb{E}_{x}[\\log D(x)] + \\mathbb{E}_{z}[\\log(1 - D(G(z)))]', true)}
<p>Code: <code>if (a &lt; b) return;</code> and an <img src="/fig.png" alt="A figure of the optimal discriminator"> image.</p>
<div class="mm-controls"><button type="button">Generate</button><label>Seed <input value="7"></label></div>
<aside class="series-box" data-pagefind-ignore><p>Part 2 of the series</p></aside>
<h3 id="non-saturating">Non-saturating loss</h3><p>Practice uses \u2212log D(G(z)) for the generator&#8217;s loss.</p></div>`;

/** Pagefind's whole output (every file's path and SHA-256) for the given pages. */
async function indexOf(pages: { sourcePath: string; content: string }[]): Promise<Record<string, string>> {
  const { index } = await pagefind.createIndex(PAGEFIND_OPTIONS);
  if (!index) throw new Error('Pagefind did not start');
  for (const p of pages) await index.addHTMLFile(p);
  const { files, errors } = await index.getFiles();
  expect(errors).toEqual([]);
  await index.deleteIndex();
  return Object.fromEntries(files.map((f) => [f.path, createHash('sha256').update(f.content).digest('hex')]));
}

afterAll(() => pagefind.close());

describe('search documents', () => {
  it('keep the marked element without the excluded subtrees, byte for byte', () => {
    const doc = searchDocument(page(ARTICLE), EXCLUDED);
    expect(doc).not.toBeNull();
    expect(doc).toContain('<article class="post" data-pagefind-body><header class="post-header"><h1>The minimax game');
    expect(doc).toContain('a density ratio &amp; more.');
    expect(doc).toContain('<code>if (a &lt; b) return;</code>');
    expect(doc).toContain('<aside class="series-box" data-pagefind-ignore>');
    expect(doc).toContain('<html lang="en">');
    for (const gone of ['class="katex"', '<math', 'mm-controls', 'Generate', 'KaTeX_Main', 'Footer words', 'Skip to content'])
      expect(doc).not.toContain(gone);
    expect(doc!.length).toBeLessThan(page(ARTICLE).length / 4);
  });

  it('are null for a page that marks nothing', () => {
    expect(searchDocument(page(ARTICLE, { marked: false }), EXCLUDED)).toBeNull();
  });

  it('give Pagefind the same index as the pages themselves', async () => {
    const pages = [
      { sourcePath: 'posts/gan-minimax-game/index.html', content: page(ARTICLE) },
      { sourcePath: 'qa/gan-minimax-game/index.html', content: page('<h1>Q&amp;A: the game</h1><p>Why is D optimal?</p>') },
      { sourcePath: 'tags/index.html', content: page('<h1>Tags</h1>', { marked: false }) },
    ];
    const whole = await indexOf(pages);
    const cut = await indexOf(
      pages.flatMap(({ sourcePath, content }) => {
        const doc = searchDocument(content, EXCLUDED);
        return doc === null ? [] : [{ sourcePath, content: doc }];
      }),
    );
    expect(Object.keys(whole).some((f) => f.startsWith('fragment/'))).toBe(true);
    expect(cut).toEqual(whole);
  });
});
