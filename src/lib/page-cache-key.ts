/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`, astro.config.mjs):
 * a page whose key and module graph are unchanged since the last build is copied from the
 * previous output instead of being rendered again, which is most of a warm rebuild's time on a
 * large site.
 *
 * Astro sees the page's code and the content entries it renders. It cannot see what a post page
 * reads besides: its neighbours' and series members' titles, whether it has Q&A, the files
 * its components read from the repository at build time (model cards, results files, source
 * regions, the bibliography, figures' images) or that the Markdown plugins of astro.config.mjs
 * run (src/markdown/), and the site's environment variables. So a post page's key is its own
 * digest, the ids and titles of the posts it links, and one digest of every file in the
 * repository that is not a post or Q&A text or a build output, plus the environment: editing a
 * post's body re-renders that post (a new title also its neighbours and series); editing a card,
 * a source file or the bibliography re-renders every post.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { repoRoot } from './bibliography.ts';

/** Folders, by name at any depth, that hold dependencies, caches, test outputs or leftovers of tests: never inputs of a page. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.astro',
  '.output',
  '.work',
  '.cache',
  '.vite',
  'test-results',
  'playwright-report',
]);

/** Folders skipped by their path from the root: the default build output and training runs (not committed). */
const SKIPPED_PATHS = /^(dist|models\/[^/]+\/runs)$/;

/** Post and Q&A texts (the site's and fixture sites'): Astro tracks these itself (their digests are part of each key). */
const TRACKED_TEXT = /(^|\/)content\/(posts|qa)\/.*\.mdx?$/;

const isGone = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * SHA-256 over the path and bytes of every file under `root` that may feed a page without
 * Astro seeing it (see the module comment), in a stable order. Linked folders are followed
 * once (the benchmark's site copies link `models/`); logs are left out, and a file or folder
 * removed during the walk is skipped.
 */
export function repositoryInputsDigest(root: string = repoRoot()): string {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return; // a link back up the tree
      seen.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      if (isGone(e)) return;
      throw e;
    }
    for (const name of names) {
      const full = join(dir, name);
      const stats = statSync(full, { throwIfNoEntry: false });
      if (stats === undefined) continue; // a dangling link, or removed since the listing
      const rel = relative(root, full).split(sep).join('/');
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRS.has(name) && !SKIPPED_PATHS.test(rel)) walk(full);
      } else if (stats.isFile() && !TRACKED_TEXT.test(rel) && !name.endsWith('.log')) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(full);
        } catch (e) {
          if (isGone(e)) continue;
          throw e;
        }
        hash.update(`${rel}\0${bytes.length}\0`);
        hash.update(bytes);
      }
    }
  };
  walk(root);
  return hash.digest('hex');
}

/**
 * The environment variables the site reads (models folder, repository root, base path, origin),
 * sorted by name: part of this key and of the MDX cache's fingerprint (src/markdown/mdx-cache.ts).
 */
export function siteEnvironment(): [string, string | undefined][] {
  return Object.entries(process.env)
    .filter(([k]) => k.startsWith('MINIMAX_') || k === 'BASE_PATH' || k === 'SITE_URL')
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const memo = new Map<string, string>();

/**
 * Everything outside Astro's view that a post page may depend on, computed once per build
 * process: the environment (the site's variables, and the Node version, whose ICU formats the
 * dates), the repository's files, and the models folder's when it lies outside the repository
 * (tests point MINIMAX_MODELS_DIR at fixtures).
 */
export function buildInputsDigest(root: string = repoRoot()): string {
  const models = resolve(process.env['MINIMAX_MODELS_DIR'] ?? join(root, 'models'));
  const key = JSON.stringify([root, models, process.version, siteEnvironment()]);
  let digest = memo.get(key);
  if (digest === undefined) {
    const outside = relative(root, models).startsWith('..');
    const parts = [key, repositoryInputsDigest(root), outside ? repositoryInputsDigest(models) : ''];
    memo.set(key, (digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex')));
  }
  return digest;
}

/** A post as the page's key sees it: its id and Astro's digest of its file (else its data). */
interface Digested {
  id: string;
  digest?: string | number | undefined;
  data: { title: string };
}

const digestOf = (entry: Digested) => [entry.id, entry.digest === undefined ? JSON.stringify(entry.data) : String(entry.digest)];

/** What a post page shows of another post: its link and its title (the newer/older links, the series box). */
const shownOf = (entry: Digested | undefined) => (entry === undefined ? null : [entry.id, entry.data.title]);

/** The incremental build's cache key of one post page. */
export function postPageCacheKey(page: {
  post: Digested;
  newer: Digested | undefined;
  older: Digested | undefined;
  seriesPosts: readonly Digested[];
  hasQa: boolean;
  inputs: string;
}): string {
  const key = JSON.stringify([
    page.inputs,
    digestOf(page.post),
    shownOf(page.newer),
    shownOf(page.older),
    page.seriesPosts.map(shownOf),
    page.hasQa,
  ]);
  return createHash('sha256').update(key).digest('hex');
}
