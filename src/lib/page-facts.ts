/**
 * What an after-build hook derives from each built page (the link check's ids and links, the
 * fallback images a page shows, its CSP and the shell files it links), kept between builds so
 * that a page the incremental build restored untouched is not parsed again. At 1,000 posts the
 * pages are about 150 MB of HTML, which each hook read and parsed (one to two seconds each).
 *
 * An entry is keyed by the SHA-256 of the page's bytes (the incremental build copies restored
 * pages into the output anew, so their file times say nothing). Each page is hashed once per
 * build, whichever hook asks first: the digests are shared by every `PageFacts` of the process,
 * keyed by the file's path, size, inode and modification time. The file also records `version`
 * (the code and environment digest of src/lib/page-cache-key.ts): a change to the code that
 * derives the facts, or to the site's base path, drops every entry.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildInputsDigest } from './page-cache-key.ts';

interface Entry {
  sha256: string;
  value: unknown;
}

interface Stored {
  version: string;
  pages: Record<string, Entry>;
}

export interface PageFactsOptions<T> {
  /** The JSON file between builds (under node_modules/.cache/minimax/). */
  file: string;
  /** Drops every kept entry when it differs from the stored one. */
  version: string;
  /** The value as JSON (a Set as an array, …). */
  encode: (value: T) => unknown;
  /** A kept value back, or undefined when it does not have the expected shape (then it is derived again). */
  decode: (raw: unknown) => T | undefined;
}

/** Page digests of this process by path and file identity, shared by every module instance. */
const DIGESTS = Symbol.for('minimax.page-facts.digests');
const shared = globalThis as { [DIGESTS]?: Map<string, string> };

/** SHA-256 of the file's bytes, computed once while its size, inode and modification time stay. */
function pageDigest(path: string): string {
  const digests = (shared[DIGESTS] ??= new Map());
  const s = statSync(path, { bigint: true });
  const key = `${path}\0${s.size}:${s.ino}:${s.mtimeNs}`;
  let digest = digests.get(key);
  if (digest === undefined) {
    digest = createHash('sha256').update(readFileSync(path)).digest('hex');
    digests.set(key, digest);
  }
  return digest;
}

function load(file: string, version: string): Map<string, Entry> {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Stored>;
    if (stored.version !== version || typeof stored.pages !== 'object' || stored.pages === null) return new Map();
    return new Map(Object.entries(stored.pages));
  } catch {
    return new Map(); // missing or unreadable: every page is read
  }
}

/** Per-page facts of one hook for one build: `get` each page, then `save` for the next build. */
export class PageFacts<T> {
  readonly #options: PageFactsOptions<T>;
  readonly #previous: Map<string, Entry>;
  readonly #current = new Map<string, Entry>();
  /** Pages read (not served from the previous build's entries) by this instance. */
  read = 0;

  constructor(options: PageFactsOptions<T>) {
    this.#options = options;
    this.#previous = load(options.file, options.version);
  }

  /** The facts of the page at `path` (absolute): kept ones if the file is unchanged, else `derive(html)`. */
  get(path: string, derive: (html: string) => T): T {
    const sha256 = pageDigest(path);
    const kept = this.#previous.get(path);
    if (kept?.sha256 === sha256) {
      const value = this.#options.decode(kept.value);
      if (value !== undefined) {
        this.#current.set(path, kept);
        return value;
      }
    }
    const value = derive(readFileSync(path, 'utf8'));
    this.read++;
    this.#current.set(path, { sha256, value: this.#options.encode(value) });
    return value;
  }

  /** Writes the entries this build used (pages no longer built are dropped); write-then-rename. */
  save(): void {
    const { file, version } = this.#options;
    mkdirSync(dirname(file), { recursive: true });
    const stored: Stored = { version, pages: Object.fromEntries(this.#current) };
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(stored));
    renameSync(`${file}.${process.pid}`, file);
  }
}

/** Every `.html` file under `dir` (the build output), sorted by path. */
export function builtPages(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) return walk(full);
      return name.endsWith('.html') ? [full] : [];
    });
  return walk(dir).sort();
}

/** A JSON value that is an array of strings (the facts of hooks that keep lists of names). */
export const isStringArray = (raw: unknown): raw is string[] => Array.isArray(raw) && raw.every((x) => typeof x === 'string');

/**
 * An after-build hook's facts in `<root>/node_modules/.cache/minimax/<name>.json`, versioned by the
 * repository's code and environment digest (src/lib/page-cache-key.ts) and `base`, the site's base
 * path, for hooks whose facts depend on it.
 */
export function keptPageFacts<T>(
  root: string,
  name: string,
  codec: Pick<PageFactsOptions<T>, 'encode' | 'decode'>,
  base = '',
): PageFacts<T> {
  return new PageFacts({
    file: join(root, 'node_modules/.cache/minimax', `${name}.json`),
    version: `${buildInputsDigest(root)} ${base}`,
    ...codec,
  });
}
