/**
 * The articles' bibliography: every `*.bib` file in `content/bibliography/`, parsed at
 * build with @retorquere/bibtex-parser and merged into one map from citation key to a
 * display-ready entry. Posts cite entries with `<Cite id="key" />`; the remark plugin
 * in src/markdown/article-refs.ts numbers them and the references list renders them.
 *
 * Problems a writer can cause fail the build with a message naming the file: a BibTeX
 * syntax error, an entry without author, title, year or a link (DOI, arXiv id or URL),
 * and a key defined in two files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { type Creator, parse } from '@retorquere/bibtex-parser';

/** Id of the references list's heading, for the table of contents. */
export const REFERENCES_ID = 'references';

export class BibliographyError extends Error {
  override name = 'BibliographyError';
}

/** One bibliography entry, reduced to what the site displays and links to. */
export interface BibEntry {
  /** Citation key, as in `@article{key, …}`. */
  key: string;
  /** BibTeX entry type (article, inproceedings, misc, …). */
  type: string;
  /** Authors' display names in order ("Ian Goodfellow", "Aäron van den Oord"). */
  authors: string[];
  /** Authors' family names, for the short form ("Goodfellow et al."). */
  familyNames: string[];
  /** Title with TeX markup and case-protecting braces removed. */
  title: string;
  /** Year of publication, as written. */
  year: string;
  /** Where it appeared: journal, proceedings, or "arXiv preprint"; may be empty. */
  venue: string;
  /** DOI without the resolver prefix (10.1109/5.726791). */
  doi?: string;
  /** arXiv identifier (1406.2661). */
  arxiv?: string;
  /** Any other URL given in the entry. */
  url?: string;
  /** The .bib file that defines the entry, relative to the repository, for messages. */
  file: string;
}

/** The entry's primary link: the arXiv abstract page, else the DOI, else its URL. */
export function entryHref(entry: BibEntry): string {
  if (entry.arxiv) return `https://arxiv.org/abs/${entry.arxiv}`;
  if (entry.doi) return `https://doi.org/${entry.doi}`;
  return entry.url ?? '';
}

/** "Goodfellow", "Goodfellow and Bengio", or "Goodfellow et al." */
export function shortAuthors(entry: BibEntry): string {
  const names = entry.familyNames;
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]} et al.`;
}

/** The full stop after a title, unless it ends in its own (“…Converge?”). */
export function titleStop(title: string): string {
  return /[.?!]$/.test(title) ? '' : '.';
}

/** All authors, "A, B and C". */
export function allAuthors(entry: BibEntry): string {
  const names = entry.authors;
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// The parser writes TeX accents ({\"a}) as a letter plus a combining mark; NFC makes them
// one character, as typed text has, so the names match a search or a test.
function displayName(creator: Creator): string {
  if (creator.name) return creator.name.normalize('NFC'); // a literal name such as an organisation
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ').normalize('NFC');
}

function familyName(creator: Creator): string {
  if (creator.name) return creator.name.normalize('NFC');
  return [creator.prefix, creator.lastName].filter(Boolean).join(' ').normalize('NFC');
}

/** arXiv id from `eprint` (with archivePrefix arXiv, or an id-shaped eprint) or `arxiv`. */
function arxivId(fields: Record<string, unknown>): string | undefined {
  const eprint = typeof fields['eprint'] === 'string' ? fields['eprint'] : undefined;
  const prefix = String(fields['archiveprefix'] ?? fields['eprinttype'] ?? '').toLowerCase();
  const explicit = typeof fields['arxiv'] === 'string' ? fields['arxiv'] : undefined;
  const id = explicit ?? (eprint && (prefix === 'arxiv' || /^\d{4}\.\d{4,5}(v\d+)?$/.test(eprint)) ? eprint : undefined);
  return id?.replace(/^arxiv:/i, '');
}

/**
 * Parse the text of one .bib file. `file` names it in error messages. Titles keep the
 * case they are written in (no sentence-casing): the bibliography is written by hand.
 */
export function parseBibliography(text: string, file: string): BibEntry[] {
  const library = parse(text, { english: false, sentenceCase: false });
  if (library.errors.length > 0) {
    const lines = library.errors.map((e) => `  ${e.error}`);
    throw new BibliographyError(`${file}: BibTeX could not be parsed:\n${lines.join('\n')}`);
  }
  const seen = new Set<string>();
  return library.entries.map((raw) => {
    const where = `${file}: entry "${raw.key}"`;
    if (seen.has(raw.key)) throw new BibliographyError(`${where} is defined twice in this file`);
    seen.add(raw.key);
    const fields = raw.fields as Record<string, unknown>;
    const creators = raw.fields.author ?? raw.fields.editor ?? [];
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim().normalize('NFC') : '');
    const title = text('title');
    const year = text('year') || text('date').slice(0, 4);
    const missing = [creators.length === 0 && 'author', !title && 'title', !year && 'year'].filter(Boolean);
    if (missing.length > 0) throw new BibliographyError(`${where} has no ${missing.join(', ')}`);
    const doi = text('doi').replace(/^https?:\/\/(dx\.)?doi\.org\//, '') || undefined;
    const arxiv = arxivId(fields);
    const url = text('url') || undefined;
    if (!doi && !arxiv && !url) {
      throw new BibliographyError(`${where} has no doi, arXiv eprint or url: the references list links every entry`);
    }
    const venue = text('journal') || text('journaltitle') || text('booktitle') || text('howpublished') || text('publisher') || '';
    return {
      key: raw.key,
      type: raw.type,
      authors: creators.map(displayName),
      familyNames: creators.map(familyName),
      title,
      year,
      venue,
      ...(doi ? { doi } : {}),
      ...(arxiv ? { arxiv } : {}),
      ...(url ? { url } : {}),
      file,
    };
  });
}

/** Merge the entries of several files; a key defined in two files is an error naming both. */
export function mergeBibliographies(files: BibEntry[][]): Map<string, BibEntry> {
  const merged = new Map<string, BibEntry>();
  for (const entries of files) {
    for (const entry of entries) {
      const earlier = merged.get(entry.key);
      if (earlier) {
        throw new BibliographyError(
          `bibliography key "${entry.key}" is defined in both ${earlier.file} and ${entry.file}: rename one of them`,
        );
      }
      merged.set(entry.key, entry);
    }
  }
  return merged;
}

/**
 * The bibliography folder that belongs to a content file: `bibliography/` beside the
 * nearest ancestor folder named `content` (content/posts/x.mdx → content/bibliography).
 * Fixture sites under tests/ therefore carry their own bibliography; MDX outside any
 * `content` folder uses the repository's content/bibliography.
 */
export function bibliographyDirFor(contentFile: string): string {
  const parts = dirname(contentFile).split(sep);
  const index = parts.lastIndexOf('content');
  // MDX elsewhere (the writer's guide examples under src/) cites the site's bibliography.
  if (index === -1) return join(repoRoot(), 'content', 'bibliography');
  return join(parts.slice(0, index + 1).join(sep) || sep, 'bibliography');
}

const cache = new Map<string, { stamp: string; entries: Map<string, BibEntry> }>();

/** The repository root (astro.config.mjs sets MINIMAX_REPO_ROOT; fixture builds share it). */
export function repoRoot(): string {
  return process.env['MINIMAX_REPO_ROOT'] ?? process.cwd();
}

/** Path of `file` relative to the repository, for messages and for props that name files. */
export function repoRelative(file: string): string {
  const rel = relative(repoRoot(), file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/**
 * Every `*.bib` file in `dir`, merged (files in name order). A missing folder is an
 * empty bibliography. Cached per folder until a file in it changes (dev server edits).
 */
export function loadBibliography(dir: string): Map<string, BibEntry> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.bib'))
      .sort();
  } catch {
    return new Map();
  }
  const paths = names.map((name) => join(dir, name));
  const stamp = paths.map((p) => `${basename(p)}:${statSync(p).mtimeMs}`).join('|');
  const cached = cache.get(dir);
  if (cached?.stamp === stamp) return cached.entries;
  const entries = mergeBibliographies(paths.map((p) => parseBibliography(readFileSync(p, 'utf8'), repoRelative(p))));
  cache.set(dir, { stamp, entries });
  return entries;
}
