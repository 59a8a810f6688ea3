/**
 * A cache of compiled MDX modules between builds. Astro compiles every `.mdx` file on every
 * `astro build` (remark, rehype, KaTeX, Shiki, MDX to JS): with hundreds of posts that is most of
 * a rebuild after a one-line edit. This integration wraps the transform of @astrojs/mdx's Vite
 * plugin (`@mdx-js/rolldown`): a file whose inputs are unchanged gets the JavaScript (and Astro
 * metadata) that the same transform returned last time, from `node_modules/.cache/minimax/mdx/`;
 * anything else is compiled as before and stored. Everything after that transform (Astro's MDX
 * post-processing, bundling, rendering) runs as usual, so the built pages are the same.
 *
 * The key is conservative. It is the SHA-256 of the file's path and full text plus a
 * fingerprint of everything a compile can read:
 *
 * - the source of every remark/rehype plugin here and of the library they import
 *   (all of `src/markdown/` and `src/lib/`), `astro.config.mjs` (the project's and the root's),
 *   the installed package versions (package-lock.json, node_modules/.package-lock.json) and Node;
 * - the resolved Markdown configuration (plugins with their options and source, Shiki themes and
 *   transformers, the base path), the site, base, root and source folders, the working folder,
 *   and the environment variables the plugins read (`MINIMAX_*`, `BASE_PATH`, `SITE_URL`);
 * - the bibliography the file cites from (its `.bib` files: `src/lib/bibliography.ts`) and the
 *   published models' cards and timelines that the island check reads (`island-models.ts`);
 * - the Vite environment and its source-map setting.
 *
 * Components a post uses are not part of it: the compiled module imports them, so an edited
 * component is rebuilt by Vite as usual. A file the compiled module imports by absolute path (a
 * `<Figure>` image) must still exist on a hit, else the file is compiled again and fails as
 * before. A compile that throws is never cached, so every writer's error is reported again. A
 * cache file that cannot be read is ignored with a warning and replaced. At the end of a
 * build, entries of this project that the build did not use are deleted.
 *
 * With static output, the long `set:html` strings of server-side modules are kept in files
 * (`mdx-html/`) that the modules read when they render (see `externaliseHtml`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Plugin, ResolvedConfig } from 'vite';
import { bibliographyDirFor } from '../lib/bibliography.ts';
import { siteEnvironment } from '../lib/page-cache-key.ts';
import { compileWithKatexPlaceholders } from './katex-cache.ts';

/** Bump when the format of an entry or the meaning of the key changes. */
const FORMAT = 1;
/** How long an HTML file no build used is kept (`prune`): a concurrent build may be about to read it. */
const HTML_FILE_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The Vite plugin of @astrojs/mdx whose transform compiles `.mdx` files. */
export const MDX_PLUGIN_NAME = '@mdx-js/rolldown';
const WRAPPED = Symbol.for('minimax.mdx-cache.wrapped');

type TransformResult = { code: string; map?: unknown; meta?: unknown };
type Handler = (this: unknown, code: string, id: string, ...rest: unknown[]) => Promise<TransformResult | null | undefined>;

interface Entry {
  format: number;
  id: string;
  /** absolute paths the compiled module imports, checked on a hit */
  deps: string[];
  result: TransformResult;
}

/** Source files whose text goes into the fingerprint, in a stable order. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((d) => {
      const full = join(dir, d.name);
      if (d.isDirectory()) return d.name === 'node_modules' ? [] : filesUnder(full);
      return d.isFile() ? [full] : [];
    });
}

function hashFiles(hash: ReturnType<typeof createHash>, files: readonly string[]): void {
  for (const file of files) {
    hash.update(`\0file\0${file}\0`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('\0missing');
    }
  }
}

/** JSON of a value with functions written out as their source (plugins, transformers). */
export function describeValue(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function') return `[function ${v.name}] ${v.toString()}`;
    if (v instanceof URL) return v.href;
    if (v instanceof RegExp) return v.toString();
    if (v instanceof Set) return [...(v as Set<unknown>)];
    if (v instanceof Map) return [...(v as Map<unknown, unknown>)];
    if (typeof v === 'bigint') return v.toString();
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return '[seen]';
      seen.add(v);
    }
    return v;
  });
}

/** What island-models.ts reads: every model's card and whether it has a timeline. */
function hashModels(hash: ReturnType<typeof createHash>, dir: string): void {
  hash.update(`\0models\0${dir}\0`);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const card = join(dir, name, 'artifact', 'card.json');
    const timeline = join(dir, name, 'timeline', 'timeline.json');
    hash.update(`\0${name}\0`);
    if (existsSync(card)) hashFiles(hash, [card]);
    if (existsSync(timeline)) {
      const s = statSync(timeline);
      hash.update(`\0timeline\0${s.size}\0${s.mtimeMs}`);
    }
  }
}

export interface MdxCacheOptions {
  /** the cache folder, e.g. `<repo>/node_modules/.cache/minimax`; entries go into `mdx/` below it */
  cacheDir: string;
  /** source files and folders whose text goes into the key (default: src/markdown, src/lib, the config, the lock files) */
  inputs?: string[];
}

/** Hits, misses and rejected entries of the current build, for the log line and the tests. */
export interface MdxCacheStats {
  hits: number;
  misses: number;
  corrupt: number;
  stored: number;
  pruned: number;
}

/**
 * The cache itself, independent of Astro: `wrap` turns the MDX transform into a cached one.
 * Exported for the unit tests; the site uses `mdxCacheIntegration`.
 */
export function createMdxCache(options: {
  dir: string;
  /** everything except the file and the per-file inputs (see the file comment) */
  fingerprint: () => string;
  warn: (message: string) => void;
  /** folder for the `set:html` strings taken out of modules (see `externaliseHtml`); none: modules are kept whole */
  htmlDir?: string | undefined;
}) {
  const { dir, warn, htmlDir } = options;
  const used = new Set<string>();
  const usedHtml = new Set<string>();
  /** Marks an HTML file as read by this build's modules (its mtime tells other builds' prune). */
  const useHtmlFile = (file: string) => {
    if (usedHtml.has(file)) return;
    usedHtml.add(file);
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // not written yet (externaliseHtml writes it next) or removed: the deps check handles it
    }
  };

  /**
   * Static output only: the long `set:html` strings of a compiled module (with mdx `optimize`,
   * a post's whole HTML: ~120 KB with KaTeX) go into files of `htmlDir`, and the module reads
   * them when it renders (`readFileSync`, at prerender, in this build's own process). Vite and
   * Rolldown then transform, bundle and write modules of a few KB instead of megabytes of
   * strings, and the build holds them in memory once. The rendered pages are the same.
   */
  const externaliseHtml = (result: TransformResult, files: string[]): TransformResult => {
    if (!htmlDir || result.map) return result; // a source map would no longer match the code
    let count = 0;
    const code = result.code.replace(/"set:html": ("(?:[^"\\\n]|\\.){1024,}")/g, (_all, literal: string) => {
      const html = JSON.parse(literal) as string;
      const file = join(htmlDir, `${createHash('sha256').update(html).digest('hex').slice(0, 32)}.html`);
      useHtmlFile(file);
      files.push(file);
      if (!existsSync(file)) {
        mkdirSync(htmlDir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, html);
        renameSync(temporary, file);
      }
      count++;
      return `"set:html": __minimaxHtml(${JSON.stringify(file)})`;
    });
    if (count === 0) return result;
    const prelude =
      'import { readFileSync as __minimaxReadFile } from "node:fs";\nconst __minimaxHtml = (file) => __minimaxReadFile(file, "utf8");\n';
    return { ...result, code: prelude + code };
  };
  const bibliographies = new Map<string, string>();
  const stats: MdxCacheStats = { hits: 0, misses: 0, corrupt: 0, stored: 0, pruned: 0 };
  let fingerprint: string | undefined;

  /** The .bib files a post cites from (src/lib/bibliography.ts), hashed once per build. */
  const bibliographyOf = (file: string): string => {
    const bibDir = bibliographyDirFor(file);
    let digest = bibliographies.get(bibDir);
    if (digest === undefined) {
      const hash = createHash('sha256');
      const files = existsSync(bibDir)
        ? readdirSync(bibDir)
            .filter((n) => n.endsWith('.bib'))
            .sort()
            .map((n) => join(bibDir, n))
        : [];
      hashFiles(hash, files);
      digest = hash.digest('hex');
      bibliographies.set(bibDir, digest);
    }
    return digest;
  };

  const keyOf = (code: string, id: string, environment: string): string => {
    fingerprint ??= options.fingerprint();
    const file = id.split('?')[0] ?? id;
    return createHash('sha256')
      .update(`${FORMAT}\0${fingerprint}\0${environment}\0${bibliographyOf(file)}\0${id}\0`)
      .update(code)
      .digest('hex');
  };

  const read = (key: string, id: string): Entry | undefined => {
    const file = join(dir, `${key}.json`);
    if (!existsSync(file)) return undefined;
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
      if (
        entry.format !== FORMAT ||
        entry.id !== id ||
        !Array.isArray(entry.deps) ||
        typeof entry.result !== 'object' ||
        typeof entry.result.code !== 'string'
      ) {
        throw new Error('unexpected contents');
      }
      return entry;
    } catch (error) {
      stats.corrupt++;
      warn(`MDX cache: ignoring the damaged entry ${file} (${(error as Error).message}); compiling ${id} again`);
      rmSync(file, { force: true });
      return undefined;
    }
  };

  const write = (key: string, entry: Entry): void => {
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${key}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(entry));
      renameSync(temporary, file); // atomic: a parallel build never reads half an entry
      stats.stored++;
    } catch (error) {
      warn(`MDX cache: could not write ${dir} (${(error as Error).message}); the next build compiles again`);
    }
  };

  /** Absolute file paths the compiled module imports (`import x from "/…/figure.png"`). */
  const depsOf = (code: string): string[] => {
    const deps = new Set<string>();
    for (const m of code.matchAll(/\b(?:from|import)\s*(["'])(\/[^"'\n]+)\1/g)) deps.add((m[2] ?? '').split('?')[0] ?? '');
    return [...deps].filter(Boolean).sort();
  };

  function wrap(handler: Handler): Handler {
    const wrapped: Handler = async function (this: unknown, code, id, ...rest) {
      const context = this as { environment?: { name?: string; config?: { build?: { sourcemap?: unknown } } } } | undefined;
      const environment = `${context?.environment?.name ?? ''}\0${describeValue(context?.environment?.config?.build?.sourcemap ?? null)}`;
      const external = htmlDir !== undefined && context?.environment?.name !== 'client';
      // Entries hold the module as handed to Vite: with or without its strings in files.
      const key = keyOf(code, id, `${environment}\0${external ? 'external-html' : ''}`);
      used.add(key);
      const cached = read(key, id);
      // Each read parses the file anew, so the result handed to Vite is never shared.
      // The module's HTML files are among its deps: a hit needs them.
      if (cached && cached.deps.every((dep) => existsSync(dep))) {
        stats.hits++;
        if (htmlDir) for (const dep of cached.deps) if (dep.startsWith(htmlDir)) useHtmlFile(dep);
        return cached.result;
      }
      stats.misses++;
      // Cached KaTeX formulas as placeholders while compiling (katex-cache.ts): the same module, sooner.
      const result = await compileSlot(() =>
        compileWithKatexPlaceholders(id.split('?')[0] ?? id, () => handler.call(this, code, id, ...rest)),
      );
      if (result && typeof result === 'object' && typeof result.code === 'string') {
        // Server-side modules only (rendered at build); a browser bundle keeps its strings.
        const html: string[] = [];
        const module = external ? externaliseHtml(result, html) : result;
        write(key, {
          format: FORMAT,
          id,
          deps: [...depsOf(module.code), ...html],
          result: { code: module.code, map: module.map ?? null, meta: module.meta },
        });
        return module;
      }
      return result;
    };
    (wrapped as unknown as Record<symbol, boolean>)[WRAPPED] = true;
    return wrapped;
  }

  /** Deletes the entries of this cache folder that this build did not use. */
  function prune(): number {
    if (!existsSync(dir)) return 0;
    let pruned = 0;
    for (const name of readdirSync(dir)) {
      const key = name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
      if (key !== undefined && used.has(key)) continue;
      // Temporary files of a crashed build, and entries no page of this build needed.
      if (name.endsWith('.tmp') && Date.now() - statSync(join(dir, name)).mtimeMs < 60_000) continue;
      rmSync(join(dir, name), { force: true });
      pruned++;
    }
    if (htmlDir && existsSync(htmlDir)) {
      for (const name of readdirSync(htmlDir)) {
        const file = join(htmlDir, name);
        // A module of another build running now (another base path, another output folder)
        // may still read a file this build did not use: only files no build used for a day go.
        if (usedHtml.has(file) || Date.now() - statSync(file).mtimeMs < HTML_FILE_LIFETIME_MS) continue;
        rmSync(file, { force: true });
      }
    }
    stats.pruned = pruned;
    return pruned;
  }

  return { wrap, prune, stats, keyOf };
}

/**
 * At most this many MDX compiles at once. Rolldown starts the transform of every module it has
 * found, and a compile awaits between its plugins, so without a limit a thousand compiles
 * interleave, each holding its syntax trees (the largest part of the build's peak memory). The
 * compiles share one thread, so a few at a time take the same time.
 */
export const MAX_PARALLEL_COMPILES = 4;
let compiling = 0;
const waiting: (() => void)[] = [];

async function compileSlot<T>(compile: () => Promise<T>): Promise<T> {
  if (compiling >= MAX_PARALLEL_COMPILES) await new Promise<void>((resolve) => waiting.push(resolve));
  else compiling++;
  try {
    return await compile();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes on
    else compiling--;
  }
}

/** Wraps the MDX plugin's transform in `plugins` (once); false when the plugin is not there. */
export function wrapMdxPlugin(plugins: readonly Plugin[], wrap: (handler: Handler) => Handler): boolean {
  const plugin = plugins.find((p) => p.name === MDX_PLUGIN_NAME);
  if (!plugin?.transform) return false;
  const transform = plugin.transform as unknown as Handler | { handler: Handler; filter?: unknown; order?: unknown };
  if (typeof transform === 'function') {
    if ((transform as unknown as Record<symbol, boolean>)[WRAPPED]) return true;
    (plugin as { transform: unknown }).transform = wrap(transform);
  } else {
    if ((transform.handler as unknown as Record<symbol, boolean>)[WRAPPED]) return true;
    (plugin as { transform: unknown }).transform = { ...transform, handler: wrap(transform.handler) };
  }
  return true;
}

/**
 * Everything but the file itself that a compile may depend on (see the file comment):
 * `inputs` (files or folders, their text), `config` (the resolved configuration, described),
 * Node, the working folder, the plugins' environment variables and the published models.
 */
export function projectFingerprint(inputs: readonly string[], config: string): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\0${process.version}\0${process.cwd()}\0${config}\0`);
  hashFiles(
    hash,
    inputs.flatMap((i) => (existsSync(i) && statSync(i).isDirectory() ? filesUnder(i) : [i])),
  );
  hash.update(JSON.stringify(siteEnvironment()));
  hashModels(hash, resolve(process.env['MINIMAX_MODELS_DIR'] ?? 'models'));
  return hash.digest('hex');
}

/** The project's defaults for `inputs`: plugin and library sources, the config, the lock files. */
function defaultInputs(): string[] {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const repo = resolve(src, '..');
  return [
    join(src, 'markdown'),
    join(src, 'lib'),
    join(repo, 'astro.config.mjs'),
    join(repo, 'package-lock.json'),
    join(repo, 'node_modules', '.package-lock.json'),
  ];
}

/**
 * The integration: list it after `mdx()` in astro.config.mjs. Builds only (`astro dev`
 * compiles on demand and is left alone).
 */
export function mdxCacheIntegration(options: MdxCacheOptions): AstroIntegration {
  let logger: AstroIntegrationLogger | undefined;
  let cache: ReturnType<typeof createMdxCache> | undefined;
  let astroFingerprint = '';
  let root = '';
  return {
    name: 'minimax:mdx-cache',
    hooks: {
      'astro:config:setup': ({ command, updateConfig, logger: l }) => {
        logger = l;
        if (command !== 'build') return;
        const plugin: Plugin = {
          name: 'minimax:mdx-cache',
          configResolved(resolved: ResolvedConfig) {
            if (!cache) return;
            if (!wrapMdxPlugin(resolved.plugins, cache.wrap)) {
              logger?.warn(`MDX cache: no ${MDX_PLUGIN_NAME} plugin found; MDX files are compiled without the cache`);
            }
          },
        };
        updateConfig({ vite: { plugins: [plugin] } });
      },
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        const { markdown, site, base, trailingSlash, srcDir } = config;
        astroFingerprint = describeValue({ markdown, site, base, trailingSlash, srcDir, root });
        const inputs = options.inputs ?? defaultInputs();
        const rootConfigs = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js'].map((f) => join(root, f));
        const projectDir = createHash('sha256').update(root).digest('hex').slice(0, 16);
        // Static output: every page renders during this build, so modules may read files of the cache.
        const staticOutput = config.output === 'static' && !config.adapter;
        cache = createMdxCache({
          dir: join(options.cacheDir, 'mdx', projectDir),
          htmlDir: staticOutput ? join(options.cacheDir, 'mdx-html', projectDir) : undefined,
          warn: (message) => logger?.warn(message),
          fingerprint: () => projectFingerprint([...inputs, ...rootConfigs], astroFingerprint),
        });
      },
      'astro:build:done': ({ logger: l }) => {
        if (!cache) return;
        const pruned = cache.prune();
        const { hits, misses, corrupt } = cache.stats;
        l.info(
          `MDX cache: ${hits} compiled modules reused, ${misses} compiled${corrupt ? `, ${corrupt} damaged entries ignored` : ''}, ${pruned} unused removed`,
        );
      },
    },
  };
}
