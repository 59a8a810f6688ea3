/**
 * rehype-katex with a cache of its output, keyed by what decides that output (the TeX, display
 * or inline, KaTeX's version and options). Articles repeat the same symbols ($G$, $D(x)$, the
 * value function) hundreds of times and rebuilds render the same formulas again; KaTeX plus
 * turning its HTML into a syntax tree was the largest per-post cost of the build
 * (tests/bench/results.md). The cache lives in memory during a build and in
 * `node_modules/.cache/minimax/` between builds (written when the build ends, by
 * `katexCacheIntegration`).
 *
 * The rendering itself stays rehype-katex's: a formula not in the cache is left for rehype-katex
 * (wrapped in a marker element so its output can be recorded), so errors are reported exactly
 * as before and a page with a formula rehype-katex reported is never cached.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeKatex, { type Options } from 'rehype-katex';
import type { VFile } from 'vfile';
import { dropNegativeHeights } from './katex-heights.ts';

const KATEX_VERSION = (createRequire(import.meta.url)('katex/package.json') as { version: string }).version;
const MARKER = 'minimax-katex-pending';

/** Rendered formulas: key -> hast children (no positions). One per process, shared by all pages. */
const memory = new Map<string, ElementContent[]>();
let cacheFile: string | undefined;
/**
 * Placeholders (see `placeholderFor`): cache key -> number in the marker's tag name, number ->
 * key and the formula's inner HTML, serialised once per process.
 */
const placeholderIds = new Map<string, number>();
const placeholderKeys: string[] = [];
const placeholderHtml: string[] = [];
const PLACEHOLDER_TAG = 'minimax-katex-';
/**
 * The files being compiled with placeholders (by `compileWithKatexPlaceholders`), each with the
 * keys of formulas to write out in full. On globalThis: the config and the MDX plugin may load
 * this module more than once.
 */
const placeholderFiles: Map<string, Set<string>> = ((globalThis as Record<symbol, unknown>)[Symbol.for('minimax.katex-placeholders')] ??=
  new Map<string, Set<string>>()) as Map<string, Set<string>>;
const PLACEHOLDER_RE = /<minimax-katex-(\d+)><\/minimax-katex-\1>/g;
let loadedFrom: string | undefined;
let added = 0;

function classesOf(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(' ') : [];
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/**
 * A deep copy of cached hast (plain objects, arrays, strings, numbers, booleans: JSON data).
 * A hit is copied so later plugins may change the page's nodes; structuredClone did the same
 * at several times the cost, and copying was the largest part of a hit.
 */
function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const array = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) array[i] = cloneJson(value[i] as unknown);
    return array as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

function withoutPositions<T>(nodes: T): T {
  return JSON.parse(JSON.stringify(nodes, (key, value: unknown) => (key === 'position' ? undefined : value))) as T;
}

function load(file: string): void {
  if (loadedFrom === file) return;
  loadedFrom = file;
  if (!existsSync(file)) return;
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as [string, ElementContent[]][];
    for (const [key, value] of entries) memory.set(key, value);
  } catch {
    // A damaged cache is only a slower build: start empty.
  }
}

/** Writes the cache file when this build added entries. Called at the end of `astro build`. */
export function saveKatexCache(): { file: string | undefined; entries: number; added: number } {
  if (cacheFile && added > 0) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify([...memory]));
    renameSync(temporary, cacheFile); // atomic: a parallel build never reads half a file
  }
  const result = { file: cacheFile, entries: memory.size, added };
  added = 0;
  return result;
}

export interface KatexCacheOptions extends Options {
  /** folder for the cache between builds, e.g. `<root>/node_modules/.cache/minimax`; none: memory only */
  cacheDir?: string;
}

/**
 * Placeholders. A cached formula is thousands of hast nodes, which every later rehype step walks
 * again and Astro's `rehype-optimize-static` (mdx `optimize`) serialises to HTML. In an `.mdx`
 * file compiled through `compileWithKatexPlaceholders` (the MDX cache's wrapper of @astrojs/mdx's
 * transform, `astro build` only), a cached formula outside headings goes into the tree as a
 * stand-in of a few nodes, and `recmaKatexPlaceholders` (a recma plugin of the same processor)
 * writes the formula's HTML into the compiled module. The module is the same as without them.
 *
 * The stand-in for a cached formula: its root element (`span.katex` or `span.katex-display`,
 * same tag and properties) with one empty marker element as its only child. Astro's
 * `rehype-optimize-static` treats it like the formula: it is static, so it always ends up inside
 * a `set:html` string, either its own (`toHtml(root.children)`, i.e. the marker) or an
 * ancestor's or group's (`…<span class="katex"><marker></marker></span>…`). Replacing the
 * marker's HTML by `toHtml(root.children)` of the real formula gives the very string Astro
 * would have written, as `toHtml` of a list of siblings is the concatenation of theirs.
 * The formula's HTML has rehypeKatexHeights' fix applied (the other later steps skip
 * formulas or never look inside one: no links, images, headings or MDX nodes in KaTeX output).
 */
function placeholderFor(key: string, root: Element): Element {
  let id = placeholderIds.get(key);
  if (id === undefined) {
    id = placeholderHtml.length;
    const children = cloneJson(root.children);
    dropNegativeHeights({ children });
    placeholderHtml.push(toHtml(children));
    placeholderKeys.push(key);
    placeholderIds.set(key, id);
  }
  const marker: Element = { type: 'element', tagName: `${PLACEHOLDER_TAG}${id}`, properties: {}, children: [] };
  const placeholder: Element = { type: 'element', tagName: root.tagName, properties: cloneJson(root.properties), children: [marker] };
  dropNegativeHeights({ children: [placeholder] });
  return placeholder;
}

/** A string of the compiled MDX with every marker replaced by its formula's HTML. */
export function fillKatexPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER_RE, (_all, id: string) => {
    const html = placeholderHtml[Number(id)];
    if (html === undefined) throw new Error(`KaTeX cache: unknown placeholder ${id}`);
    return html;
  });
}

interface EstreeNode {
  type: string;
  value?: unknown;
  raw?: string;
  [key: string]: unknown;
}

/** Thrown by the recma step when a marker is not inside a string: `optimize` left that formula as JSX. */
class PlaceholderLeftError extends Error {
  override name = 'KatexPlaceholderLeftError';
  /** Checked instead of the name, which @astrojs/mdx overwrites. */
  readonly katexPlaceholderLeft = true;
  constructor(
    file: string | undefined,
    readonly placeholderIds: number[],
  ) {
    super(`${file ?? 'an MDX file'}: KaTeX placeholders ${placeholderIds.join(', ')} are not inside set:html`);
  }
}

/**
 * Recma step (after @mdx-js/mdx built the JSX calls): puts the formulas' HTML into the string
 * literals that hold markers. `rehype-optimize-static` leaves a static element as JSX when a
 * dynamic node (a component, an expression) follows it in its parent: Astro then writes the
 * formula's nodes as JSX calls. A marker there is reported (PlaceholderLeftError) and
 * `compileWithKatexPlaceholders` compiles the file again with those formulas written out.
 */
export function recmaKatexPlaceholders() {
  return (tree: unknown, file: VFile) => {
    if (!placeholderFiles.has(file.path)) return;
    const left = new Set<number>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (const child of node) walk(child);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const n = node as EstreeNode;
      if (n.type === 'Literal' && typeof n.value === 'string') {
        if (!n.value.includes(PLACEHOLDER_TAG)) return;
        const value = fillKatexPlaceholders(n.value);
        n.value = value;
        if (n.raw !== undefined) n.raw = JSON.stringify(value);
        for (const m of value.matchAll(/minimax-katex-(\d+)/g)) left.add(Number(m[1]));
        return;
      }
      for (const key in n) {
        if (key === 'loc' || key === 'range' || key === 'position' || key === 'comments') continue;
        const value = n[key];
        if (value !== null && typeof value === 'object') walk(value);
      }
    };
    walk(tree);
    if (left.size > 0)
      throw new PlaceholderLeftError(
        file.path,
        [...left].sort((a, b) => a - b),
      );
  };
}

/**
 * Runs `compile` (the MDX transform of `path`) with placeholders for cached formulas; when some
 * were left outside `set:html`, again with those formulas in full (at most a few rounds).
 */
export async function compileWithKatexPlaceholders<T>(path: string, compile: () => Promise<T>): Promise<T> {
  if (placeholderFiles.has(path)) return compile(); // the same file twice at once: leave it alone
  const full = new Set<string>();
  placeholderFiles.set(path, full);
  try {
    for (let round = 0; ; round++) {
      try {
        return await compile();
      } catch (error) {
        const { katexPlaceholderLeft, placeholderIds: ids } = (error ?? {}) as { katexPlaceholderLeft?: unknown; placeholderIds?: unknown };
        if (katexPlaceholderLeft !== true || !Array.isArray(ids) || round >= 3) throw error;
        for (const id of ids as number[]) full.add(placeholderKeys[id] ?? '');
      }
    }
  } finally {
    placeholderFiles.delete(path);
  }
}

/** Drop-in for rehype-katex (same options), plus `cacheDir`. */
export function rehypeKatexCached(options: KatexCacheOptions = {}) {
  const { cacheDir, ...katexOptions } = options;
  const optionsKey = JSON.stringify(katexOptions);
  if (cacheDir) {
    cacheFile = join(cacheDir, `katex-${KATEX_VERSION}-${createHash('sha256').update(optionsKey).digest('hex').slice(0, 12)}.json`);
    load(cacheFile);
  }
  const render = rehypeKatex(katexOptions) as (tree: Root, file: VFile) => void;
  const keyOf = (display: boolean, tex: string) =>
    createHash('sha256')
      .update(`${KATEX_VERSION}\0${optionsKey}\0${display ? 'D' : 'I'}\0${tex}`)
      .digest('base64url');

  return (tree: Root, file: VFile) => {
    const pending: { key: string; wrapper: Element }[] = [];
    // Only while compileWithKatexPlaceholders compiles this file (the recma step fills them in);
    // never in a heading, whose text Astro collects.
    const full = placeholderFiles.get(file.path);
    // Same selection as rehype-katex: `math-inline`, `math-display`, or a ```math fence in <pre>.
    const walk = (parent: Root | Element, inHeading: boolean) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type !== 'element') {
          // MDX components (mdxJsx* nodes) hold Markdown children too.
          if ('children' in node) walk(node as unknown as Element, inHeading);
          continue;
        }
        const classes = classesOf(node);
        const code =
          node.tagName === 'pre' && node.children.length === 1 && node.children[0]?.type === 'element' ? node.children[0] : undefined;
        const fence = code !== undefined && code.tagName === 'code' && classesOf(code).includes('language-math');
        const math = classes.includes('math-inline') || classes.includes('math-display') || classes.includes('language-math');
        if (!fence && !math) {
          walk(node, inHeading || /^h[1-6]$/.test(node.tagName));
          continue;
        }
        const display = fence || classes.includes('math-display');
        const key = keyOf(display, textOf(node));
        const hit = memory.get(key);
        if (hit && full && !inHeading && !full.has(key) && hit.length === 1 && hit[0]?.type === 'element') {
          parent.children[i] = placeholderFor(key, hit[0]);
        } else if (hit) {
          parent.children.splice(i, 1, ...(cloneJson(hit) as RootContent[]));
          i += hit.length - 1;
        } else {
          const wrapper: Element = { type: 'element', tagName: MARKER, properties: {}, children: [node as ElementContent] };
          parent.children[i] = wrapper;
          pending.push({ key, wrapper });
        }
      }
    };
    walk(tree, false);
    if (pending.length === 0) return;
    const messagesBefore = file.messages.length;
    render(tree, file);
    // rehype-katex reports a formula it could not render and then writes a fallback (red text
    // or a .katex-error span): never cache a page's formulas when it reported one.
    const failed = file.messages.slice(messagesBefore).some((m) => m.source === 'rehype-katex');
    // Record what rehype-katex made of each miss, then unwrap the markers.
    const unwrap = (parent: Root | Element) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type !== 'element') {
          if ('children' in node) unwrap(node as unknown as Element);
          continue;
        }
        if (node.tagName !== MARKER) {
          unwrap(node);
          continue;
        }
        parent.children.splice(i, 1, ...(node.children as RootContent[]));
        i += node.children.length - 1;
      }
    };
    for (const { key, wrapper } of pending) {
      if (!failed && !memory.has(key)) {
        memory.set(key, withoutPositions(wrapper.children));
        added++;
      }
    }
    unwrap(tree);
  };
}

/** Saves the KaTeX cache when `astro build` ends. */
export function katexCacheIntegration(): AstroIntegration {
  return {
    name: 'minimax:katex-cache',
    hooks: {
      'astro:build:done': ({ logger }) => {
        const { entries, added: fresh } = saveKatexCache();
        logger.info(`KaTeX cache: ${entries} formulas, ${fresh} new in this build`);
      },
    },
  };
}
