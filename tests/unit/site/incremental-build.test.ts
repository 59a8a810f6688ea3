/**
 * Astro's incremental build (experimental.incrementalBuild) copies a post page from the previous
 * build when its cache key (src/lib/page-cache-key.ts) and its code are unchanged. A missed
 * dependency would ship a stale page, so: the key covers the neighbours a page names, and the
 * repository files its components read; an edit re-renders exactly the pages that show it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { postPageCacheKey, repositoryInputsDigest } from '../../../src/lib/page-cache-key.ts';
import { productionBuildEnv } from './build-env.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe('repositoryInputsDigest', () => {
  it('changes with any file a component may read, not with post texts, build outputs or runs', () => {
    const root = tempDir('minimax-inputs-');
    write(root, 'models/m/artifact/card.json', '{"a":1}');
    write(root, 'content/posts/p.mdx', 'one');
    write(root, 'content/qa/p/keypoints.md', 'one');
    write(root, 'content/posts/p/code.ts', 'one');
    const first = repositoryInputsDigest(root);
    expect(repositoryInputsDigest(root)).toBe(first);

    write(root, 'content/posts/p.mdx', 'two'); // Astro tracks post texts itself
    write(root, 'content/qa/p/keypoints.md', 'two');
    write(root, 'node_modules/x/index.js', 'x');
    write(root, 'dist/index.html', 'x');
    write(root, 'models/m/runs/r/checkpoint/state.json', '{}');
    write(root, 'test-results/x.json', '{}');
    write(root, 'train.log', 'x');
    expect(repositoryInputsDigest(root)).toBe(first);

    write(root, 'models/m/artifact/card.json', '{"a":2}');
    const second = repositoryInputsDigest(root);
    expect(second).not.toBe(first);
    write(root, 'content/posts/p/code.ts', 'two'); // a source region beside a post
    expect(repositoryInputsDigest(root)).not.toBe(second);
  });

  it('is part of every post page key, as are the neighbours and the series', () => {
    const entry = (id: string, digest: string | undefined, title = `Post ${id}`) => ({ id, digest, data: { title } });
    const post = entry('b', '1');
    const page = { post, newer: entry('c', '1'), older: undefined, seriesPosts: [post], hasQa: false, inputs: 'x' };
    const key = postPageCacheKey(page);
    expect(postPageCacheKey({ ...page })).toBe(key);
    expect(postPageCacheKey({ ...page, inputs: 'y' })).not.toBe(key);
    expect(postPageCacheKey({ ...page, post: entry('b', '2') })).not.toBe(key);
    expect(postPageCacheKey({ ...page, post: entry('b', undefined, 'Post b') })).not.toBe(key);
    // Of other posts the page shows links and titles: a new title counts, a new body does not.
    expect(postPageCacheKey({ ...page, newer: entry('c', '1', 'Renamed') })).not.toBe(key);
    expect(postPageCacheKey({ ...page, newer: entry('c', '2') })).toBe(key);
    expect(postPageCacheKey({ ...page, older: entry('a', '1') })).not.toBe(key);
    expect(postPageCacheKey({ ...page, seriesPosts: [post, entry('d', '1')] })).not.toBe(key);
    expect(postPageCacheKey({ ...page, hasQa: true })).not.toBe(key);
  });
});

/** Five posts, oldest first; "e" shows a source region read from the repository. */
function makeSite(): { root: string; build: () => string } {
  // Beside the other fixtures (gitignored): Astro wants the site's srcDir under its root's tree,
  // and the guide reads src/ from the repository, so the repository stays MINIMAX_REPO_ROOT.
  const root = mkdtempSync(join(repo, 'tests/fixtures/site/.incremental-'));
  made.push(root);
  write(
    root,
    'astro.config.mjs',
    `import { realSite } from ${JSON.stringify(join(repo, 'tests/fixtures/site/real-site.mjs'))};\nexport default realSite();\n`,
  );
  write(root, 'content/qa/.keep', '');
  write(root, 'code/example.ts', '// #region shown\nexport const answer = 41;\n// #endregion shown\n');
  for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) {
    // E quotes a source file; A shows an island, whose build-time fallback image a copied page still needs.
    const region =
      id === 'e'
        ? `import SourceRegion from ${JSON.stringify(join(repo, 'src/components/SourceRegion.astro'))};\n\n<SourceRegion file="${relative(repo, root)}/code/example.ts" region="shown" />\n`
        : id === 'a'
          ? `import SampleGrid from ${JSON.stringify(join(repo, 'src/islands/SampleGrid.astro'))};\n\n<SampleGrid model="dcgan" seed={5} count={4}>\nFour samples.\n</SampleGrid>\n`
          : '';
    write(
      root,
      `content/posts/${id}.mdx`,
      `---\ntitle: Post ${id.toUpperCase()}\ndescription: Post ${id}.\ndate: 2026-0${i + 1}-01\ntags: [t]\nauthor: Fixture Author\n---\n\n${region}\nBody of ${id}.\n`,
    );
  }
  const build = () => {
    const result = spawnSync(process.execPath, [`${repo}node_modules/astro/bin/astro.mjs`, 'build', '--root', root], {
      encoding: 'utf8',
      env: productionBuildEnv(),
      timeout: 240_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0) throw new Error(`build failed:\n${output}`);
    return output;
  };
  return { root, build };
}

/** The post pages a build copied from the previous one instead of rendering. */
const copied = (output: string) => [...output.matchAll(/\/posts\/(\w+)\/index\.html \((?:cached|restored)\)/g)].map((m) => m[1]).sort();

describe('incremental build of the site', () => {
  it('re-renders the edited post and its neighbours, copies the others, and follows files read at build', () => {
    const { root, build } = makeSite();
    const out = join(root, 'node_modules/.fixture-dist'); // real-site.mjs's output folder
    const page = (id: string) => readFileSync(join(out, 'posts', id, 'index.html'), 'utf8');
    expect(copied(build())).toEqual([]);

    // A new title for C: B names it as "Newer", D as "Older"; A and E do not show it.
    const c = join(root, 'content/posts/c.mdx');
    writeFileSync(c, readFileSync(c, 'utf8').replace('title: Post C', 'title: Post C renamed'));
    expect(copied(build())).toEqual(['a', 'e']);
    const fallback = /fallback\/[0-9a-f]{16}\.png/.exec(page('a'))?.[0];
    expect(fallback).toBeDefined();
    expect(existsSync(join(out, fallback ?? 'none'))).toBe(true); // published for the copied page
    expect(page('b')).toContain('Newer: Post C renamed');
    expect(page('d')).toContain('Older: Post C renamed');
    expect(page('c')).toContain('Post C renamed');
    expect(page('a')).not.toContain('Post C');

    // A file that a component reads (not a post): every post page is rendered again.
    write(root, 'code/example.ts', '// #region shown\nexport const answer = 42;\n// #endregion shown\n');
    expect(copied(build())).toEqual([]);
    expect(page('e')).toMatch(/answer<\/span>.*42/s);
  }, 900_000);
});
