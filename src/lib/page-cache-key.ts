/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`, astro.config.mjs):
 * a page whose key and module graph are unchanged since the last build is copied from the
 * previous output instead of being rendered again, which is most of a warm rebuild's time on a
 * large site.
 *
 * Astro sees the page's code and the content entries it renders. It cannot see what a post page
 * reads besides: its neighbours' and series members' titles, whether it has Q&A, and the files
 * its components read from the repository at build time (model cards, results files, source
 * regions, the bibliography, figures' images) or that the Markdown plugins of astro.config.mjs
 * run (src/markdown/). So a post page's key is its own digest, the digests of the posts it
 * names, and one digest of every file in the repository that is not a post or Q&A text or a
 * build output: editing one post re-renders it and its neighbours; editing a card, a source
 * file or the bibliography re-renders every post.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './bibliography.ts';

/** Folders that hold build outputs, caches, dependencies or training runs: never inputs of a page. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.astro', '.output', '.work', '.cache', '.vite', 'runs']);

/** Post and Q&A texts (the site's and fixture sites'): Astro tracks these itself (their digests are part of each key). */
const TRACKED_TEXT = /(^|\/)content\/(posts|qa)\/.*\.mdx?$/;

/**
 * SHA-256 over the path and bytes of every file under `root` that may feed a page without
 * Astro seeing it (see the module comment), in a stable order.
 */
export function repositoryInputsDigest(root: string = repoRoot()): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stats = statSync(full, { throwIfNoEntry: false });
      if (stats === undefined) continue; // a dangling link
      const rel = relative(root, full).split(sep).join('/');
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full);
      } else if (stats.isFile() && !TRACKED_TEXT.test(rel)) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(full);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed since the listing
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

const memo = new Map<string, string>();

/** `repositoryInputsDigest`, computed once per build process and root. */
export function buildInputsDigest(root: string = repoRoot()): string {
  let digest = memo.get(root);
  if (digest === undefined) memo.set(root, (digest = repositoryInputsDigest(root)));
  return digest;
}

/** What a post page shows of a post: its id and everything in its file (Astro's entry digest, else its data). */
interface Digested {
  id: string;
  digest?: string | number | undefined;
  data: unknown;
}

const digestOf = (entry: Digested | undefined) =>
  entry === undefined ? null : [entry.id, entry.digest === undefined ? JSON.stringify(entry.data) : String(entry.digest)];

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
    digestOf(page.newer),
    digestOf(page.older),
    page.seriesPosts.map(digestOf),
    page.hasQa,
  ]);
  return createHash('sha256').update(key).digest('hex');
}
