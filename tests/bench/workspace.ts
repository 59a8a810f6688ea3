/**
 * Throw-away project copies under tests/bench/.work/ (gitignored) for the build benchmark:
 * our site with generated (or its real) content, and a bare Astro 7 blog with the same posts.
 *
 * `node_modules` is a real folder of symlinks into the checkout's node_modules, one per
 * package: packages are shared (no install), but the caches Astro and Vite write under
 * node_modules (.astro data store, .vite, .cache) belong to the copy, so a cold build really is
 * cold and no other build in the checkout is disturbed.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedPost, generatedPostName } from './posts.ts';
import { CODE_THEMES } from '../../src/markdown/code-themes.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORK_DIR = path.join(REPO_ROOT, 'tests/bench/.work');

/** Build outputs and caches that make a rebuild warm; removed before every timed build. */
const CACHES = ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.vite-temp', 'node_modules/.cache'];

function linkNodeModules(dir: string): void {
  const target = path.join(dir, 'node_modules');
  mkdirSync(target, { recursive: true });
  const source = path.join(REPO_ROOT, 'node_modules');
  for (const entry of readdirSync(source)) {
    // Dot entries are caches and npm's bookkeeping, except .bin which tools expect.
    if (entry.startsWith('.') && entry !== '.bin') continue;
    symlinkSync(path.join(source, entry), path.join(target, entry));
  }
}

function writePosts(postsDir: string, count: number): void {
  mkdirSync(postsDir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(postsDir, generatedPostName(i)), generatedPost(i));
}

/**
 * A copy of our site: config, src, public and `models` (symlinked: the publish-models
 * integration and source regions read it). `posts` = a number of generated posts (and no
 * Q&A, which references real posts; the guide's examples and the bibliography are kept), or
 * 'real' for the checkout's own content.
 */
export function makeSiteCopy(name: string, posts: number | 'real'): string {
  const dir = path.join(WORK_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'tsconfig.json', 'astro.config.mjs']) cpSync(path.join(REPO_ROOT, file), path.join(dir, file));
  for (const folder of ['src', 'public']) {
    if (existsSync(path.join(REPO_ROOT, folder))) cpSync(path.join(REPO_ROOT, folder), path.join(dir, folder), { recursive: true });
  }
  symlinkSync(path.join(REPO_ROOT, 'models'), path.join(dir, 'models'));
  if (posts === 'real') {
    cpSync(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  } else {
    writePosts(path.join(dir, 'content/posts'), posts);
    mkdirSync(path.join(dir, 'content/qa'), { recursive: true });
    // The writer's guide page renders content/guide/examples/ (which cite the bibliography).
    for (const folder of ['guide', 'bibliography']) {
      const from = path.join(REPO_ROOT, 'content', folder);
      if (existsSync(from)) cpSync(from, path.join(dir, 'content', folder), { recursive: true });
    }
  }
  // The guide's examples quote the benchmark results (<ResultValue file="tests/bench/results.json">).
  const results = path.join(REPO_ROOT, 'tests/bench/results.json');
  if (existsSync(results)) cpSync(results, path.join(dir, 'tests/bench/results.json'));
  linkNodeModules(dir);
  return dir;
}

/**
 * The baseline: what `npm create astro` with the blog template boils down to, given the same
 * maths and code rendering as our site, so that the ratio of build times is our own cost
 * (layouts, components, islands, checks), not KaTeX's or Shiki's. A content collection with
 * Astro's glob loader, one post route that calls `render(entry)`, an index, @astrojs/mdx, and
 * the same Markdown settings as astro.config.mjs: the unified processor with remark-math and
 * rehype-katex, Shiki with the same two themes and no default colour. Nothing of ours: no
 * layouts, no KaTeX cache, no `optimize`, no code-meta transformer.
 */
export function makeBareBlog(name: string, posts: number): string {
  const dir = path.join(WORK_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'bare-blog', private: true, type: 'module' }, null, 2),
    'astro.config.mjs': [
      "import { unified } from '@astrojs/markdown-remark';",
      "import mdx from '@astrojs/mdx';",
      "import { defineConfig } from 'astro/config';",
      "import rehypeKatex from 'rehype-katex';",
      "import remarkMath from 'remark-math';",
      '',
      'export default defineConfig({',
      "  site: 'http://127.0.0.1:4321',",
      '  integrations: [mdx()],',
      '  markdown: {',
      '    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),',
      `    shikiConfig: { themes: ${JSON.stringify(CODE_THEMES)}, defaultColor: false },`,
      '  },',
      '});',
      '',
    ].join('\n'),
    'src/content.config.ts': [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      "import { z } from 'astro/zod';",
      '',
      'const posts = defineCollection({',
      "  loader: glob({ base: './content/posts', pattern: '**/*.{md,mdx}' }),",
      '  schema: z.object({',
      '    title: z.string(),',
      '    description: z.string(),',
      '    date: z.coerce.date(),',
      '    tags: z.array(z.string()).default([]),',
      '    author: z.string().optional(),',
      '  }),',
      '});',
      '',
      'export const collections = { posts };',
      '',
    ].join('\n'),
    'src/pages/index.astro': [
      '---',
      "import { getCollection } from 'astro:content';",
      "const posts = (await getCollection('posts')).sort((a, b) => b.data.date.valueOf() - a.data.date.valueOf());",
      '---',
      '<html lang="en"><head><meta charset="utf-8" /><title>Bare blog</title></head>',
      '<body><ul>{posts.map((p) => <li><a href={`/posts/${p.id}/`}>{p.data.title}</a></li>)}</ul></body></html>',
      '',
    ].join('\n'),
    'src/pages/posts/[...id].astro': [
      '---',
      "import { getCollection, render, type CollectionEntry } from 'astro:content';",
      'export async function getStaticPaths() {',
      "  const posts = await getCollection('posts');",
      '  return posts.map((post) => ({ params: { id: post.id }, props: post }));',
      '}',
      "type Props = CollectionEntry<'posts'>;",
      'const post = Astro.props;',
      'const { Content } = await render(post);',
      '---',
      '<html lang="en"><head><meta charset="utf-8" /><title>{post.data.title}</title></head>',
      '<body><article><h1>{post.data.title}</h1><Content /></article></body></html>',
      '',
    ].join('\n'),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writePosts(path.join(dir, 'content/posts'), posts);
  linkNodeModules(dir);
  return dir;
}

/** Removes the build output and every cache, so the next build starts cold. */
export function clearBuildCaches(dir: string): void {
  for (const cache of CACHES) rmSync(path.join(dir, cache), { recursive: true, force: true });
}
