/**
 * Builds the real site over fixture content (tests/fixtures/site/blog: three
 * posts, one draft, a series, a nested slug) under the sub-path /sub/path/ and
 * checks the publishing rules in the output: drafts are nowhere, previous/next
 * and series links, tag pages, RSS and sitemap, and every link honours `base`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionBuildEnv } from './build-env.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const BASE = '/sub/path/';
const SITE = 'https://example.org';
let out = '';

const read = (path: string) => readFileSync(join(out, path), 'utf8');
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'minimax-fixture-site-'));
  const result = spawnSync(
    process.execPath,
    [`${repo}node_modules/astro/bin/astro.mjs`, 'build', '--root', `${repo}tests/fixtures/site/blog`],
    {
      encoding: 'utf8',
      env: productionBuildEnv({ FIXTURE_OUT_DIR: out }),
      timeout: 180_000,
    },
  );
  if (result.status !== 0) throw new Error(`fixture build failed:\n${result.stdout}\n${result.stderr}`);
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('fixture site build', () => {
  it('leaves drafts out of every page, the feed and the sitemap', () => {
    expect(existsSync(join(out, 'posts/first/index.html'))).toBe(true);
    expect(existsSync(join(out, 'posts/custom/second/index.html'))).toBe(true);
    expect(existsSync(join(out, 'posts/secret-draft'))).toBe(false);
    expect(existsSync(join(out, 'tags/gamma'))).toBe(false);
    expect(existsSync(join(out, 'qa/secret-draft'))).toBe(false);
    for (const file of allFiles(out).filter((f) => /\.(html|xml)$/.test(f))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/secret[- ]draft/i);
    }
  });

  it('lists posts newest first on the home page', () => {
    const titles = [...read('index.html').matchAll(/<h3><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toEqual(['Third post', 'Second post', 'First post']);
  });

  it('links previous (older) and next (newer) posts, and the series in order', () => {
    const second = read('posts/custom/second/index.html');
    expect(second).toMatch(new RegExp(`<a class="prev" href="${BASE}posts/first/" rel="prev">`));
    expect(second).toMatch(new RegExp(`<a class="next" href="${BASE}posts/third/" rel="next">`));
    expect(second).toMatch(/Series: Fixture series/);
    expect(second).toMatch(
      new RegExp(`<li><a href="${BASE}posts/first/">First post</a></li><li><span aria-current="page">Second post</span>`),
    );
    expect(second).toContain(`href="${BASE}qa/custom/second/"`);
    expect(second).toMatch(/Updated <time datetime="2026-02-15">/);
    const third = read('posts/third/index.html');
    expect(third).not.toContain('rel="next"');
    expect(third).toMatch(new RegExp(`href="${BASE}posts/custom/second/" rel="prev"`));
    expect(third).not.toContain('class="series-box"');
  });

  it('renders maths and source regions in MDX', () => {
    const second = read('posts/custom/second/index.html');
    expect(second).toContain('class="katex-display"');
    expect(second).toContain('data-source="content/posts/gan-minimax-game/optimal-discriminator.ts#example"');
  });

  it('groups tags case-insensitively and lists their posts', () => {
    const beta = read('tags/beta/index.html');
    expect(beta).toContain('Second post');
    expect(beta).toContain('Third post');
    expect(beta).not.toContain('First post');
  });

  it('writes absolute canonical, RSS and sitemap URLs under site + base', () => {
    expect(read('posts/first/index.html')).toContain(`<link rel="canonical" href="${SITE}${BASE}posts/first/">`);
    const rss = read('rss.xml');
    const links = [...rss.matchAll(/<item>.*?<link>([^<]+)<\/link>/gs)].map((m) => m[1]);
    expect(links).toEqual([`${SITE}${BASE}posts/third/`, `${SITE}${BASE}posts/custom/second/`, `${SITE}${BASE}posts/first/`]);
    const sitemap = read('sitemap-0.xml');
    expect(sitemap).toContain(`<loc>${SITE}${BASE}posts/custom/second/</loc>`);
    expect(sitemap).toContain(`<loc>${SITE}${BASE}qa/custom/second/</loc>`);
    expect(sitemap).not.toContain('404');
  });

  it('makes every root-relative URL in every page start with the base', () => {
    for (const file of allFiles(out).filter((f) => f.endsWith('.html'))) {
      const urls = [...readFileSync(file, 'utf8').matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]);
      expect(urls.length, file).toBeGreaterThan(0);
      for (const url of urls) expect(url, file).toMatch(new RegExp(`^${BASE}`));
    }
  });
});
