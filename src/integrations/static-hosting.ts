/**
 * Makes the build output deployable as plain files on a static host or CDN. At
 * `astro:build:done` it writes, into the output folder:
 *
 * - `sw.js` (+ `sw-models.js`): the offline service worker (./service-worker.ts);
 * - `_headers` (Netlify / Cloudflare Pages syntax): the Content-Security-Policy as a header,
 *   caching per file kind and the types of WASM and weight shards.
 *
 * It must run after every other `astro:build:done` hook (Pagefind's index, the published
 * models): astro.config.mjs lists it last. The header CSP is derived from the `<meta>` CSP
 * Astro wrote into every page (the union of their hashes, plus what a meta policy cannot carry:
 * `frame-ancestors`), so it can never disagree with Astro's hashes. A browser enforces both
 * policies, so each page is still held to its own meta policy; the header also covers what has
 * no meta tag (the TF.js worker, the service worker, SVG, JSON).
 * A `public/_headers` of the project's own is kept: its rules are appended after ours.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatCsp, formatHeadersFile, metaCsp, parseHeadersFile, unionCsp, type HeaderRule } from '../lib/headers-file.ts';
import { isStringArray, keptPageFacts } from '../lib/page-facts.ts';
import { searchIndexWritten } from './search-index.ts';
import { shellLinks, SW_MODELS_FILE, SW_FILE, writeServiceWorker } from './service-worker.ts';

/** Cache lifetimes, in one place (README "Deploying" quotes them). */
export const CACHE_CONTROL = {
  /** `_astro/*`: names carry a content hash */
  hashed: 'public, max-age=31536000, immutable',
  /** pages and the service worker: always revalidate, so a deploy shows at once */
  revalidate: 'no-cache',
  /**
   * model files (card.json, model.json, shards, timeline): not hashed, short-lived; one
   * lifetime for all of them, so a model's card and shards expire together
   */
  models: 'public, max-age=300, must-revalidate',
} as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The rules of the generated `_headers`, patterns prefixed with `base`. No two rules that can
 * match one URL set the same header (the hosts would join the values).
 * @param files every output file, as a path relative to the output folder with `/`
 */
export function headerRules(base: string, csp: string, files: readonly string[]): HeaderRule[] {
  const exact = (ext: string) => files.filter((f) => f.endsWith(ext)).sort();
  return [
    {
      pattern: `${base}*`,
      headers: [
        ['Content-Security-Policy', csp],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ],
    },
    { pattern: `${base}_astro/*`, headers: [['Cache-Control', CACHE_CONTROL.hashed]] },
    // Pages: directory URLs and .html files (never under _astro/ or models/).
    { pattern: base, headers: [['Cache-Control', CACHE_CONTROL.revalidate]] },
    { pattern: `${base}*/`, headers: [['Cache-Control', CACHE_CONTROL.revalidate]] },
    { pattern: `${base}*.html`, headers: [['Cache-Control', CACHE_CONTROL.revalidate]] },
    { pattern: `${base}${SW_FILE}`, headers: [['Cache-Control', CACHE_CONTROL.revalidate]] },
    { pattern: `${base}${SW_MODELS_FILE}`, headers: [['Cache-Control', CACHE_CONTROL.revalidate]] },
    { pattern: `${base}models/*`, headers: [['Cache-Control', CACHE_CONTROL.models]] },
    // Exact paths: not every host supports a wildcard inside a path.
    ...exact('.wasm').map((f): HeaderRule => ({ pattern: `${base}${f}`, headers: [['Content-Type', 'application/wasm']] })),
    ...exact('.bin').map((f): HeaderRule => ({ pattern: `${base}${f}`, headers: [['Content-Type', 'application/octet-stream']] })),
  ];
}

/**
 * A page's meta policy; none for Astro's redirect pages (a bare <meta http-equiv="refresh">:
 * nothing to allow).
 * @throws Error naming the page when it has no meta CSP (Astro's `security.csp` is off?)
 */
function pagePolicy(dist: string, file: string, html: string): string[] {
  const policy = metaCsp(html);
  if (policy === undefined && /http-equiv=["']?refresh/i.test(html)) return [];
  if (policy === undefined)
    throw new Error(
      `${relative(dist, file)} has no <meta http-equiv="content-security-policy">: keep security.csp on in astro.config.mjs.`,
    );
  return [policy];
}

/** The header policy: every page's meta policy (`pagePolicy`) merged, plus `frame-ancestors 'none'`. */
export function headerCsp(policies: readonly string[]): string {
  const union = unionCsp(policies);
  const scripts = union.get('script-src') ?? [];
  if (scripts.includes("'unsafe-inline'"))
    throw new Error("A page's CSP allows 'unsafe-inline' scripts; the site's policy must stay hash-based (src/lib/csp.ts).");
  union.set('frame-ancestors', ["'none'"]);
  return formatCsp(union);
}

/** What this hook reads from one page. */
interface PageShellAndCsp {
  linked: string[];
  policies: string[];
}

const isPageShellAndCsp = (raw: unknown): raw is PageShellAndCsp =>
  typeof raw === 'object' &&
  raw !== null &&
  isStringArray((raw as PageShellAndCsp).linked) &&
  isStringArray((raw as PageShellAndCsp).policies);

export default function staticHosting(): AstroIntegration {
  let base = '/';
  let swCacheDir: string | undefined;
  let root = '';
  return {
    name: 'minimax:static-hosting',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        // sw.js of the last build, reused while its inputs are unchanged (service-worker.ts).
        root = fileURLToPath(config.root);
        swCacheDir = join(root, 'node_modules', '.cache', 'minimax', 'service-worker');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        // Pagefind may still be writing its index (search-index.ts): its files are output too.
        await searchIndexWritten();
        const all = walk(dist).map((f) => relative(dist, f).split(sep).join('/'));
        // Pages only: Pagefind and others may write HTML fragments that are not pages.
        const htmlFiles = all
          .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/') && !f.startsWith('_astro/'))
          .map((f) => join(dist, f));

        // The shell files each page links and its meta CSP; a page unchanged since the last
        // build is not read again (src/lib/page-facts.ts).
        const facts = keptPageFacts<PageShellAndCsp>(
          root,
          'page-shell-csp',
          { encode: (page) => page, decode: (raw) => (isPageShellAndCsp(raw) ? raw : undefined) },
          base,
        );
        const linked: string[] = [];
        const policies: string[] = [];
        for (const file of htmlFiles) {
          const page = facts.get(file, (html) => ({ linked: shellLinks(base, html), policies: pagePolicy(dist, file, html) }));
          linked.push(...page.linked);
          policies.push(...page.policies);
        }
        facts.save();
        const sw = await writeServiceWorker(dist, base, linked, swCacheDir, (m) => logger.warn(m));
        for (const warning of sw.warnings) logger.warn(warning);
        logger.info(
          `service worker: ${sw.precached} shell files precached (${(sw.precacheBytes / 1024).toFixed(0)} KiB), models revision ${sw.modelsRevision}`,
        );

        const headersPath = join(dist, '_headers');
        // public/_headers was copied into the output before this hook: keep its rules, after ours.
        const own = existsSync(headersPath) ? readFileSync(headersPath, 'utf8') : '';
        if (own) parseHeadersFile(own, 'public/_headers'); // fail now on a syntax error, naming the file
        const rules = headerRules(base, headerCsp(policies), [...all, SW_FILE, SW_MODELS_FILE]);
        const text = formatHeadersFile(
          rules,
          'Generated at build by src/integrations/static-hosting.ts (Netlify / Cloudflare Pages syntax).\nPatterns include the base path. Do not edit: add rules to public/_headers instead.',
        );
        writeFileSync(headersPath, own ? `${text}\n# From public/_headers\n${own}` : text);
        logger.info(`_headers: ${rules.length} rules, CSP ${rules[0]?.headers[0]?.[1].length ?? 0} characters`);
      },
    },
  };
}
