/**
 * URL helpers. Every internal link goes through `sitePath` so the site works at
 * the domain root and under a sub-path (`BASE_PATH=/minimax/`), e.g. GitHub Pages.
 */

/** Normalise a base path to the form `/` or `/a/b/` (leading and trailing slash). */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Join a base path and a site-relative path. Page paths (no file extension) get a
 * trailing slash, matching Astro's `directory` build format; file paths
 * (`rss.xml`, `models/dcgan/model.json`) and fragments/queries are kept as is.
 *
 * @example joinBase('/minimax/', 'posts/gan/') === '/minimax/posts/gan/'
 */
export function joinBase(base: string, path = ''): string {
  const root = normaliseBase(base);
  const match = /^([^?#]*)(.*)$/.exec(path.trim());
  const pathname = (match?.[1] ?? '').replace(/^\/+/, '');
  const suffix = match?.[2] ?? '';
  if (pathname === '') return root + suffix;
  const lastSegment = pathname.split('/').pop() ?? '';
  const isFile = /\.[a-z0-9]+$/i.test(lastSegment);
  const withSlash = isFile || pathname.endsWith('/') ? pathname : `${pathname}/`;
  return root + withSlash + suffix;
}

/** A path inside this site, honouring the configured `base`. */
export function sitePath(path = ''): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/** An absolute URL (for canonical links, RSS, Open Graph), honouring `site` and `base`. */
export function absoluteUrl(path: string, site: URL | string | undefined): string {
  const origin = site ?? 'http://127.0.0.1:4321';
  return new URL(path, origin).href;
}

/** URL-safe slug for a tag: lower case, ASCII letters and digits, single dashes. */
export function tagSlug(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const postPath = (id: string): string => sitePath(`posts/${id}/`);
export const tagPath = (tag: string): string => sitePath(`tags/${tagSlug(tag)}/`);
export const qaPath = (postId: string): string => sitePath(`qa/${postId}/`);
