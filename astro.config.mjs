// @ts-check
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import remarkMath from 'remark-math';
import checkLinks from './src/integrations/check-links.ts';
import searchIndex from './src/integrations/search-index.ts';
import publishModels from './src/integrations/publish-models.ts';
import staticHosting from './src/integrations/static-hosting.ts';
import { cspConfig } from './src/lib/csp.ts';
import { THEME_INIT_SCRIPT } from './src/lib/theme.ts';
import { normaliseBase } from './src/lib/urls.ts';
import { transformerCodeMeta } from './src/markdown/code-meta.ts';
import { CODE_THEMES } from './src/markdown/code-themes.ts';
import { remarkArticleRefs } from './src/markdown/article-refs.ts';
import { rehypeFailOnMathError } from './src/markdown/fail-on-math-error.ts';
import { katexCacheIntegration, recmaKatexPlaceholders, rehypeKatexCached } from './src/markdown/katex-cache.ts';
import { rehypeKatexHeights } from './src/markdown/katex-heights.ts';
import { mdxCacheIntegration } from './src/markdown/mdx-cache.ts';
import { remarkIslandModels } from './src/markdown/island-models.ts';
import { rehypeSiteLinks } from './src/markdown/site-links.ts';
import { remarkSmartypantsFast } from './src/markdown/smartypants.ts';

/**
 * Where the site is deployed. `SITE_URL` is the origin (used for canonical URLs,
 * RSS and the sitemap); `BASE_PATH` is a sub-path such as `/minimax/`.
 */
const site = process.env.SITE_URL || 'http://127.0.0.1:4321';
const base = normaliseBase(process.env.BASE_PATH);

/** rehype-katex's output and compiled MDX, kept between builds (src/markdown/{katex,mdx}-cache.ts). */
const katexCacheDir = fileURLToPath(new URL('./node_modules/.cache/minimax/', import.meta.url));

/** <SourceRegion> reads files relative to the repository (see src/lib/source-region.ts). */
process.env.MINIMAX_REPO_ROOT ??= fileURLToPath(new URL('.', import.meta.url));

/**
 * Integrations contributed by other parts of the project: the islands' model publisher
 * (models/<name>/artifact -> <base>/models/<name>/). Append further integrations here.
 */
/** @type {import('astro').AstroIntegration[]} */
const projectIntegrations = [publishModels()];

/**
 * The theme snippet must run before first paint and after the CSP <meta> (a meta
 * policy only governs what follows it). Astro renders `head-inline` scripts
 * after that meta, in <head>, on every page.
 * @returns {import('astro').AstroIntegration}
 */
function noFlashTheme() {
  return {
    name: 'minimax:no-flash-theme',
    hooks: {
      'astro:config:setup': ({ injectScript }) => injectScript('head-inline', THEME_INIT_SCRIPT),
    },
  };
}

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [
    noFlashTheme(),
    // optimize: static MDX subtrees (KaTeX's HTML above all) compile to one HTML
    // string instead of thousands of JSX nodes; components are left alone.
    mdx({ optimize: true }),
    // Reuses the compiled JS of unchanged MDX files between builds (src/markdown/mdx-cache.ts).
    mdxCacheIntegration({ cacheDir: katexCacheDir }),
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) }),
    ...projectIntegrations,
    // Saves rehype-katex's output for the next build (src/markdown/katex-cache.ts).
    katexCacheIntegration(),
    // Pagefind's index of the built pages, into <outDir>/pagefind/ (src/integrations/search-index.ts).
    searchIndex(),
    // After the hooks that add output files: fails the build on a broken internal link or #fragment.
    checkLinks(),
    // Last: its build:done hook reads the finished output (pages, models, search index) to
    // write the service worker and _headers (src/integrations/static-hosting.ts).
    staticHosting(),
  ],
  markdown: {
    // Astro 7's default processor (satteri, in Rust) ignores remark/rehype plugins;
    // the unified processor runs them for both .md and .mdx (MDX inherits it).
    processor: unified({
      // remarkArticleRefs numbers <Cite> and <Figure> and checks keys, figure ids and images.
      // remarkIslandModels fails the build on an island whose model is not published.
      // remarkSmartypantsFast stands in for Astro's SmartyPants (off below), first as Astro's was.
      remarkPlugins: [remarkSmartypantsFast, remarkMath, remarkArticleRefs, remarkIslandModels],
      smartypants: false,
      // rehypeSiteLinks puts the base path in front of site links written from the root (`/posts/x/`).
      // rehypeKatexHeights drops the invalid negative heights KaTeX writes (valid HTML, same rendering).
      rehypePlugins: [
        [rehypeKatexCached, { cacheDir: katexCacheDir }],
        rehypeKatexHeights,
        rehypeFailOnMathError,
        [rehypeSiteLinks, { base }],
      ],
      // Writes cached formulas into compiled MDX where `astro build` left placeholders (katex-cache.ts).
      recmaPlugins: [recmaKatexPlaceholders],
      // Citations are <Cite> (with their own References list); GFM footnotes are notes.
      remarkRehype: { footnoteLabel: 'Notes', footnoteLabelProperties: {} },
    }),
    shikiConfig: {
      themes: CODE_THEMES, // AA contrast in both; see src/markdown/code-themes.ts
      // No default colour: spans carry --shiki-light/--shiki-dark and the site CSS
      // picks one from <html data-theme>.
      defaultColor: false,
      transformers: [transformerCodeMeta()],
    },
  },
  security: { csp: cspConfig() },
  // The site's CSS (KaTeX's included) is inlined into each page: no render-blocking request
  // between the HTML and the first paint, which is most of a phone's largest contentful paint
  // (issue 12; Astro hashes each inlined <style> into the page's CSP).
  build: { inlineStylesheets: 'always' },
  experimental: {
    // A rebuild copies the post pages whose cache key (src/lib/page-cache-key.ts) and code are
    // unchanged from the previous build (kept in node_modules/.astro/) instead of rendering them.
    incrementalBuild: true,
  },
  vite: {
    build: {
      // Keep the site script an external, cacheable file (never inlined), so a
      // page's scripts are exactly: the theme snippet + /_astro/*.js.
      assetsInlineLimit: 0,
      rolldownOptions: {
        // Astro marks every MDX module's propagated-assets variant "use astro:head-inject" and
        // Rolldown warns about each (one code frame per post: thousands of lines, and time, at
        // 1,000 posts). Astro reads the directive itself; the warning says nothing to fix here.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
          handler(level, log);
        },
      },
    },
  },
});
