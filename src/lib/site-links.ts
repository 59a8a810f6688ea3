/**
 * The site's internal-link check over built HTML: every link, image, script and stylesheet that
 * points inside the site must name a file of the build, and every `#fragment` on a link must
 * name an element id on the target page. Pure apart from reading the output folder, so unit
 * tests can run it on a small tree; `src/integrations/check-links.ts` runs it after each build.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Parser } from 'htmlparser2';
import { builtPages, type PageFacts } from './page-facts.ts';

/** Attributes that hold one URL, per element. */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src'],
  script: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  iframe: ['src'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
};

/** What one built page offers and what it points to. */
export interface PageScan {
  /** Every `id` (and legacy `<a name>`) on the page: the fragments a link may target. */
  ids: Set<string>;
  /** Every URL the page references, with whether a fragment on it must be checked. */
  links: { url: string; checkFragment: boolean }[];
}

/** Attribute names (as `name=`) that make a region matter to the scan: ids and URLs. */
const SCANNED_ATTRIBUTE = /\b(?:id|name|href|src|poster|data|action)\s*=/i;
const SPAN_TAG = /<span\b|<\/span>/gi;

/**
 * The page without the formulas KaTeX rendered (`<span class="katex">…</span>`, thousands of
 * tags that hold no link and no id: KaTeX's `\href` and `\htmlId` need its `trust` option, which
 * the site leaves off), so the parser has a fraction of the page to read. A formula region that
 * has any id or URL attribute, or whose spans do not balance, is kept.
 */
export function withoutFormulas(html: string): string {
  const open = '<span class="katex">';
  let start = html.indexOf(open);
  if (start === -1) return html;
  const parts: string[] = [];
  let kept = 0;
  while (start !== -1) {
    SPAN_TAG.lastIndex = start;
    let depth = 0;
    let end = -1;
    for (let m = SPAN_TAG.exec(html); m !== null; m = SPAN_TAG.exec(html)) {
      depth += m[0][1] === '/' ? -1 : 1;
      if (depth === 0) {
        end = m.index + m[0].length;
        break;
      }
    }
    if (end === -1) break;
    if (!SCANNED_ATTRIBUTE.test(html.slice(start, end))) {
      parts.push(html.slice(kept, start));
      kept = end;
    }
    start = html.indexOf(open, end);
  }
  parts.push(html.slice(kept));
  return parts.join('');
}

export function scanPage(html: string): PageScan {
  const ids = new Set<string>();
  const links: PageScan['links'] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes['id']) ids.add(attributes['id']);
        if (name === 'a' && attributes['name']) ids.add(attributes['name']);
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const url = attributes[attribute]?.trim();
          if (url === undefined) continue;
          // <link rel="alternate" hreflang> etc. still name files of the site; all are checked.
          links.push({ url, checkFragment: name === 'a' || name === 'area' });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(withoutFormulas(html));
  parser.end();
  return { ids, links };
}

/** A scan as JSON, for the facts kept between builds (`PageFacts`, src/lib/page-facts.ts). */
export function encodeScan(scan: PageScan): unknown {
  return { ids: [...scan.ids], links: scan.links };
}

/** The inverse of `encodeScan`; anything else gives undefined (the page is parsed again). */
export function decodeScan(raw: unknown): PageScan | undefined {
  const scan = raw as { ids?: unknown; links?: unknown } | null;
  if (typeof scan !== 'object' || scan === null || !Array.isArray(scan.ids) || !Array.isArray(scan.links)) return undefined;
  return { ids: new Set(scan.ids as string[]), links: scan.links as PageScan['links'] };
}

/** One broken reference: the page it is on, the URL as written and what is wrong. */
export interface LinkProblem {
  /** The page's URL path, e.g. `/minimax/posts/x/`. */
  page: string;
  /** The built file, relative to the output folder. */
  file: string;
  url: string;
  reason: string;
}

export interface CheckOptions {
  /** The site's base path, `/` or `/a/b/`. */
  base: string;
  /** The configured `site` origin; absolute URLs on it count as internal. */
  site?: string | undefined;
  /** Scans kept between builds (src/integrations/check-links.ts): an unchanged page is not read again. */
  scans?: PageFacts<PageScan> | undefined;
}

/** `posts/x/index.html` -> `/base/posts/x/`; `404.html` -> `/base/404.html`. */
function pageUrlPath(base: string, rel: string): string {
  const path = rel.split(sep).join('/');
  return base + (path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path);
}

/** Island state in the URL hash (`#sample-grid=7`, see src/islands/url-hash.ts) is not an element id. */
const isStateFragment = (fragment: string) => /^[\w-]+=/.test(fragment);

/** The HTML file of the build a URL path below the base resolves to, or null. */
function resolveTarget(outDir: string, relPath: string): { file: string; html: boolean } | null {
  const candidates =
    relPath === '' || relPath.endsWith('/') ? [`${relPath}index.html`] : [relPath, `${relPath}/index.html`, `${relPath}.html`];
  for (const candidate of candidates) {
    const file = join(outDir, ...candidate.split('/'));
    if (existsSync(file) && statSync(file).isFile()) return { file, html: file.endsWith('.html') };
  }
  return null;
}

/**
 * Checks every internal reference on every page of `outDir`.
 * @returns the problems, in page order; empty when the site is sound
 */
export function checkSiteLinks(outDir: string, options: CheckOptions): LinkProblem[] {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const origin = options.site ? new URL(options.site).origin : null;
  const files = builtPages(outDir);
  const scans = new Map<string, PageScan>();
  const scanOf = (file: string): PageScan => {
    let scan = scans.get(file);
    if (!scan) {
      scan = options.scans ? options.scans.get(file, scanPage) : scanPage(readFileSync(file, 'utf8'));
      scans.set(file, scan);
    }
    return scan;
  };
  const targets = new Map<string, ReturnType<typeof resolveTarget>>();
  const targetOf = (relPath: string) => {
    if (!targets.has(relPath)) targets.set(relPath, resolveTarget(outDir, relPath));
    return targets.get(relPath) ?? null;
  };
  const problems: LinkProblem[] = [];
  // Placeholder origin: only the path, query and fragment of a resolved URL are used.
  const here = 'http://site.invalid';
  for (const file of files) {
    const rel = relative(outDir, file);
    const page = pageUrlPath(base, rel);
    const report = (url: string, reason: string) => problems.push({ page, file: rel.split(sep).join('/'), url, reason });
    for (const { url, checkFragment } of scanOf(file).links) {
      if (url === '' || /^(mailto|tel|javascript|data|blob):/i.test(url)) continue;
      let target: URL;
      try {
        target = new URL(url, here + page);
      } catch {
        report(url, 'is not a valid URL');
        continue;
      }
      if (target.origin !== here) {
        if (origin === null || target.origin !== origin) continue; // another site: not ours to check
      }
      const path = decodeURIComponent(target.pathname);
      if (!path.startsWith(base)) {
        report(url, `is outside the site's base path ${base}; link to site pages with a path under ${base} or a relative one`);
        continue;
      }
      const resolved = targetOf(path.slice(base.length));
      if (!resolved) {
        report(url, `no page or file at ${path}`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (!checkFragment || fragment === '' || fragment === 'top' || isStateFragment(fragment) || !resolved.html) continue;
      if (!scanOf(resolved.file).ids.has(fragment)) {
        report(url, `no element with id="${fragment}" on ${path}`);
      }
    }
  }
  return problems;
}
