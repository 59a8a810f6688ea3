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
import rehypeKatex, { type Options } from 'rehype-katex';
import type { VFile } from 'vfile';

const KATEX_VERSION = (createRequire(import.meta.url)('katex/package.json') as { version: string }).version;
const MARKER = 'minimax-katex-pending';

/** Rendered formulas: key -> hast children (no positions). One per process, shared by all pages. */
const memory = new Map<string, ElementContent[]>();
let cacheFile: string | undefined;
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
    // Same selection as rehype-katex: `math-inline`, `math-display`, or a ```math fence in <pre>.
    const walk = (parent: Root | Element) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type !== 'element') {
          // MDX components (mdxJsx* nodes) hold Markdown children too.
          if ('children' in node) walk(node as unknown as Element);
          continue;
        }
        const classes = classesOf(node);
        const code =
          node.tagName === 'pre' && node.children.length === 1 && node.children[0]?.type === 'element' ? node.children[0] : undefined;
        const fence = code !== undefined && code.tagName === 'code' && classesOf(code).includes('language-math');
        const math = classes.includes('math-inline') || classes.includes('math-display') || classes.includes('language-math');
        if (!fence && !math) {
          walk(node);
          continue;
        }
        const display = fence || classes.includes('math-display');
        const key = keyOf(display, textOf(node));
        const hit = memory.get(key);
        if (hit) {
          parent.children.splice(i, 1, ...(cloneJson(hit) as RootContent[]));
          i += hit.length - 1;
        } else {
          const wrapper: Element = { type: 'element', tagName: MARKER, properties: {}, children: [node as ElementContent] };
          parent.children[i] = wrapper;
          pending.push({ key, wrapper });
        }
      }
    };
    walk(tree);
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
