/**
 * remark plugin for the article components that need to know about the whole post:
 * citations and figures are numbered in reading order, which no single component can
 * see. Running over the MDX tree before rendering, it
 *
 * - numbers `<Cite id="a,b" />` keys by first citation, checks every key against the
 *   bibliography (src/lib/bibliography.ts), and gives each Cite its numbers;
 * - numbers `<Figure id="…">` in order, checks that ids are unique, that `alt` is given
 *   for an image, and that the image file exists (then imports it, so Astro optimises it);
 * - gives each `<FigRef id="…" />` its figure's number, or fails if there is none;
 * - tells every component that reads project files (CardValue, ResultValue, LayerTable,
 *   Cite, Figure, FigRef) which MDX file it is in, so their own errors can name it.
 *
 * The cited entries, in number order, go to the page as `remarkPluginFrontmatter.references`
 * (render(post) returns it), and the post route renders the references list from them.
 * Components are recognised by the file they are imported from (`…/Cite.astro`), so a
 * local rename such as `import C from '…/Cite.astro'` works too.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { type BibEntry, bibliographyDirFor, loadBibliography, repoRelative, repoRoot } from '../lib/bibliography.ts';

/** Components this plugin knows, by the file name they are imported from. */
const KINDS = ['Cite', 'Figure', 'FigRef', 'CardValue', 'ResultValue', 'LayerTable'] as const;
type Kind = (typeof KINDS)[number];

/** Props the plugin adds; components read them, writers never write them. */
export const INJECTED = {
  /** The MDX file, relative to the repository. */
  file: 'mdxFile',
  /** Cite: the numbers of its keys, "1,3". */
  numbers: 'numbers',
  /** Cite: a number unique on the page, for the preview's element id. */
  occurrence: 'occurrence',
  /** Figure and FigRef: the figure's number. */
  number: 'number',
} as const;

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** A writer's mistake; `line` and `column` let Astro's error overlay point at the element. */
export class ArticleRefsError extends Error {
  override name = 'ArticleRefsError';
  line?: number;
  column?: number;
  constructor(message: string, node?: { position?: { start: { line: number; column: number } } | undefined }) {
    super(message);
    if (node?.position) {
      this.line = node.position.start.line;
      this.column = node.position.start.column;
    }
  }
}

/** Local names of the known components, from the file's import declarations. */
function componentNames(tree: Root): Map<string, Kind> {
  const names = new Map<string, Kind>(KINDS.map((kind) => [kind, kind]));
  visit(tree, 'mdxjsEsm', (node: MdxjsEsm) => {
    for (const statement of node.data?.estree?.body ?? []) {
      if (statement.type !== 'ImportDeclaration') continue;
      const source = String(statement.source.value);
      const kind = KINDS.find((k) => source.endsWith(`/${k}.astro`));
      if (!kind) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportDefaultSpecifier') names.set(specifier.local.name, kind);
      }
    }
  });
  return names;
}

function attribute(node: JsxElement, name: string): MdxJsxAttribute | undefined {
  return node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
}

function setAttribute(node: JsxElement, name: string, value: string): void {
  const existing = attribute(node, name);
  if (existing) existing.value = value;
  else node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

/** An attribute that must be a plain string (`id="x"`, not `id={x}`), or undefined when absent. */
function stringAttribute(node: JsxElement, name: string, where: string): string | undefined {
  const attr = attribute(node, name);
  if (!attr) return undefined;
  if (typeof attr.value !== 'string') {
    throw new ArticleRefsError(`${where}: <${node.name}> needs ${name}="…" as a plain string, not an expression`, node);
  }
  return attr.value;
}

/**
 * Point `src` at a default import of the image, so Vite resolves it and Astro optimises it
 * (as for Markdown images). Returns the import, which the caller adds to the module once
 * the tree walk is over (inserting while walking would shift the nodes being visited).
 */
function importImage(node: JsxElement, path: string, index: number): MdxjsEsm {
  const local = `__figureImage${index}`;
  const esm: MdxjsEsm = {
    type: 'mdxjsEsm',
    value: '',
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name: local } }],
            source: { type: 'Literal', value: path },
            attributes: [],
          },
        ],
      },
    },
  };
  const src = attribute(node, 'src');
  const value = {
    type: 'mdxJsxAttributeValueExpression' as const,
    value: local,
    data: {
      estree: {
        type: 'Program' as const,
        sourceType: 'module' as const,
        body: [{ type: 'ExpressionStatement' as const, expression: { type: 'Identifier' as const, name: local } }],
      },
    },
  };
  if (src) src.value = value;
  return esm;
}

export interface ArticleRefs {
  /** Cited entries in number order (entry i has number i + 1). */
  references: BibEntry[];
  /** Figure ids in number order. */
  figures: string[];
}

/** Number and check the article components of one MDX tree (exported for unit tests). */
export function numberArticleRefs(tree: Root, filePath: string): ArticleRefs {
  const file = repoRelative(filePath);
  const names = componentNames(tree);
  const kindOf = (node: JsxElement): Kind | undefined => (node.name ? names.get(node.name) : undefined);
  const at = (node: JsxElement) => `${file}:${node.position?.start.line ?? '?'}`;

  const references: string[] = [];
  const figures = new Map<string, number>();
  const figRefs: JsxElement[] = [];
  const imageImports: MdxjsEsm[] = [];
  let bibliography: ReturnType<typeof loadBibliography> | undefined;
  let occurrence = 0;

  visit(tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const kind = kindOf(node);
    if (!kind) return;
    setAttribute(node, INJECTED.file, file);
    if (kind === 'Cite') {
      const keys = (stringAttribute(node, 'id', at(node)) ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      if (keys.length === 0) throw new ArticleRefsError(`${at(node)}: <Cite> needs id="key" (or "key1,key2")`, node);
      bibliography ??= loadBibliography(bibliographyDirFor(filePath));
      const numbers = keys.map((key) => {
        if (!bibliography?.has(key)) {
          throw new ArticleRefsError(
            `${at(node)}: unknown citation key "${key}" (add it to a .bib file in ${repoRelative(bibliographyDirFor(filePath))}/)`,
            node,
          );
        }
        if (!references.includes(key)) references.push(key);
        return references.indexOf(key) + 1;
      });
      setAttribute(node, INJECTED.numbers, numbers.join(','));
      setAttribute(node, INJECTED.occurrence, String(++occurrence));
    } else if (kind === 'Figure') {
      const id = stringAttribute(node, 'id', at(node));
      if (!id) throw new ArticleRefsError(`${at(node)}: <Figure> needs an id="…" (FigRef links to it)`, node);
      if (figures.has(id)) throw new ArticleRefsError(`${at(node)}: two figures have id "${id}"`, node);
      figures.set(id, figures.size + 1);
      setAttribute(node, INJECTED.number, String(figures.size));
      const src = attribute(node, 'src');
      if (src) {
        if (typeof src.value !== 'string') {
          throw new ArticleRefsError(`${at(node)}: <Figure id="${id}"> needs src="…" as a plain path`, node);
        }
        if (!stringAttribute(node, 'alt', at(node))?.trim()) {
          throw new ArticleRefsError(`${at(node)}: <Figure id="${id}"> shows an image, so it needs alt="…" text`, node);
        }
        if (/^[a-z][a-z0-9+.-]*:/i.test(src.value)) {
          throw new ArticleRefsError(
            `${at(node)}: <Figure id="${id}"> src="${src.value}" is a URL; images must be files in the repository (the site loads nothing from other hosts)`,
            node,
          );
        }
        const root = repoRoot();
        const relativeToPost = src.value.startsWith('./') || src.value.startsWith('../');
        const path = relativeToPost ? resolve(dirname(filePath), src.value) : resolve(root, src.value);
        if (isAbsolute(src.value) || !existsSync(path)) {
          throw new ArticleRefsError(
            `${at(node)}: <Figure id="${id}"> image "${src.value}" not found (looked for ${repoRelative(path)}; ` +
              'use a path relative to the post, starting with ./, or to the repository)',
            node,
          );
        }
        imageImports.push(importImage(node, path, figures.size));
      }
    } else if (kind === 'FigRef') {
      figRefs.push(node);
    }
  });

  tree.children.unshift(...imageImports);

  for (const node of figRefs) {
    const id = stringAttribute(node, 'id', at(node));
    const number = id === undefined ? undefined : figures.get(id);
    if (number === undefined) {
      const known = [...figures.keys()].join(', ') || 'none';
      throw new ArticleRefsError(`${at(node)}: <FigRef id="${id ?? ''}"> names no figure in this article (figures: ${known})`, node);
    }
    setAttribute(node, INJECTED.number, String(number));
  }
  return {
    references: references.flatMap((key) => bibliography?.get(key) ?? []),
    figures: [...figures.keys()],
  };
}

/** The remark plugin (see the file comment). */
export function remarkArticleRefs() {
  return (tree: Root, file: VFile) => {
    if (!file.path) return;
    const refs = numberArticleRefs(tree, file.path);
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter ??= {};
    if (refs.references.length > 0) astro.frontmatter['references'] = refs.references;
    if (refs.figures.length > 0) astro.frontmatter['figures'] = refs.figures;
  };
}
