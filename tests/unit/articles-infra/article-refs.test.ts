/**
 * The remark plugin that numbers citations and figures: numbers by first citation and
 * by order, forward figure references, recognition by import path, and errors that name
 * the file, the line and what is wrong.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { numberArticleRefs } from '../../../src/markdown/article-refs.ts';

let postsDir: string;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'refs-'));
  mkdirSync(join(root, 'content', 'bibliography'), { recursive: true });
  mkdirSync(join(root, 'content', 'posts', 'a-post'), { recursive: true });
  const entry = (key: string) =>
    `@misc{${key}, author = {Doe, Jane}, title = {Paper ${key}}, year = {2020}, eprint = {2001.0000${key.length}}, archivePrefix = {arXiv}}\n`;
  writeFileSync(join(root, 'content', 'bibliography', 'refs.bib'), ['alpha', 'beta', 'gamma'].map(entry).join(''));
  writeFileSync(join(root, 'content', 'posts', 'a-post', 'plot.png'), 'not really a png');
  postsDir = join(root, 'content', 'posts');
});

function parse(mdx: string): Root {
  return unified().use(remarkParse).use(remarkMdx).parse(mdx);
}

/** Parse, run the numbering, and list each component's name with its props. */
function run(mdx: string) {
  const tree = parse(mdx);
  const refs = numberArticleRefs(tree, join(postsDir, 'a-post.mdx'));
  const elements: { name: string; props: Record<string, unknown> }[] = [];
  visit(tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const el = node as MdxJsxFlowElement | MdxJsxTextElement;
    const props = Object.fromEntries(
      el.attributes.flatMap((a) =>
        a.type === 'mdxJsxAttribute' ? [[a.name, typeof a.value === 'string' ? a.value : a.value?.value]] : [],
      ),
    );
    elements.push({ name: el.name ?? '', props });
  });
  return { refs, elements, tree };
}

const imports = `import Cite from '../../src/components/Cite.astro';
import Figure from '../../src/components/Figure.astro';
import FigRef from '../../src/components/FigRef.astro';

`;

describe('citation numbering', () => {
  it('numbers keys by first citation and reuses numbers', () => {
    const { refs, elements } = run(
      `${imports}First <Cite id="beta" />, then <Cite id="alpha, beta" loc="Sec. 2" />, again <Cite id="alpha" />.`,
    );
    expect(refs.references.map((e) => e.key)).toEqual(['beta', 'alpha']);
    const cites = elements.filter((e) => e.name === 'Cite').map((e) => e.props);
    expect(cites.map((p) => p['numbers'])).toEqual(['1', '2,1', '2']);
    expect(new Set(cites.map((p) => p['occurrence'])).size).toBe(3);
    expect(cites[0]?.['mdxFile']).toMatch(/content\/posts\/a-post\.mdx$/);
  });

  it('recognises a renamed import by its file', () => {
    const { refs } = run(`import Ref from '../../src/components/Cite.astro';\n\nSee <Ref id="gamma" />.`);
    expect(refs.references.map((e) => e.key)).toEqual(['gamma']);
  });

  it('fails on an unknown key, naming the file, the line and the key', () => {
    expect(() => run(`${imports}Fine <Cite id="alpha" />.\n\nBad <Cite id="alpha,nosuchkey" />.`)).toThrow(
      /content\/posts\/a-post\.mdx:7: unknown citation key "nosuchkey"/,
    );
  });

  it('fails on an id given as an expression', () => {
    expect(() => run(`${imports}Bad <Cite id={'alpha'} />.`)).toThrow(/<Cite> needs id="…" as a plain string/);
  });
});

describe('figure numbering', () => {
  it('numbers figures in order and resolves references, forward ones too', () => {
    const { refs, elements } = run(
      `${imports}As <FigRef id="second" /> shows.\n\n<Figure id="first" caption="A">x</Figure>\n\n<Figure id="second" caption="B">y</Figure>\n\nSee <FigRef id="first" />.`,
    );
    expect(refs.figures).toEqual(['first', 'second']);
    const numbered = elements.filter((e) => e.name !== 'Cite').map((e) => [e.name, e.props['id'], e.props['number']]);
    expect(numbered).toEqual([
      ['FigRef', 'second', '2'],
      ['Figure', 'first', '1'],
      ['Figure', 'second', '2'],
      ['FigRef', 'first', '1'],
    ]);
  });

  it('fails on a reference to a figure that does not exist, naming the file and the id', () => {
    expect(() => run(`${imports}<Figure id="one" caption="A">x</Figure>\n\nSee <FigRef id="two" />.`)).toThrow(
      /a-post\.mdx:7: <FigRef id="two"> names no figure in this article \(figures: one\)/,
    );
  });

  it('fails on two figures with one id', () => {
    expect(() => run(`${imports}<Figure id="one" caption="A">x</Figure>\n\n<Figure id="one" caption="B">y</Figure>`)).toThrow(
      /two figures have id "one"/,
    );
  });

  it('imports an existing image and rejects a missing one or a missing alt', () => {
    const { tree, elements } = run(`${imports}<Figure id="plot" src="./a-post/plot.png" alt="A plot" caption="A" />`);
    const esm = tree.children.find(
      (n) =>
        n.type === 'mdxjsEsm' &&
        n.data?.estree?.body.some((s) => s.type === 'ImportDeclaration' && String(s.source.value).endsWith('plot.png')),
    );
    expect(esm).toBeDefined();
    expect(elements.find((e) => e.name === 'Figure')?.props['src']).toBe('__figureImage1');
    expect(() => run(`${imports}<Figure id="gone" src="./a-post/gone.png" alt="x" caption="A" />`)).toThrow(
      /<Figure id="gone"> image "\.\/a-post\/gone\.png" not found/,
    );
    expect(() => run(`${imports}<Figure id="plot" src="./a-post/plot.png" caption="A" />`)).toThrow(/needs alt="…" text/);
    expect(() => run(`${imports}<Figure id="remote" src="https://example.org/x.png" alt="x" caption="A" />`)).toThrow(
      /src="https:\/\/example\.org\/x\.png" is a URL; images must be files in the repository/,
    );
  });
});
