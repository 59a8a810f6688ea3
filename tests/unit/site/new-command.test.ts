/**
 * `npm run new` in a temporary copy of the project (its site code, configuration, models and
 * bibliography; no posts): it writes a post and a Q&A file that build, refuses to overwrite,
 * and rejects an unknown kind or post with a message that says what to do.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../../src/cli/new.ts';
import { DEFAULT_AUTHOR } from '../../../src/lib/site.ts';
import { productionBuildEnv } from './build-env.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let copy = '';

/** `npm run new -- <args>` in the copy, as a writer would type it. */
function npmNew(...args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', 'new', '--', ...args], {
    cwd: copy,
    encoding: 'utf8',
    env: productionBuildEnv(),
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'minimax-new-'));
  for (const path of [
    'astro.config.mjs',
    'tsconfig.json',
    'package.json',
    'src',
    'public',
    'content/bibliography',
    'content/guide',
    'tests/bench/results.json',
  ]) {
    if (existsSync(join(repo, path))) cpSync(join(repo, path), join(copy, path), { recursive: true });
  }
  mkdirSync(join(copy, 'content/posts'), { recursive: true });
  mkdirSync(join(copy, 'content/qa'), { recursive: true });
  // Read-only inputs are linked. node_modules gets one link per package, so the copy's caches
  // (node_modules/.astro, .vite, .cache) are its own and never touch the checkout's.
  symlinkSync(join(repo, 'models'), join(copy, 'models'));
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (!['.astro', '.vite', '.vite-temp', '.cache', '.vitest-cache'].includes(entry)) {
      symlinkSync(join(repo, 'node_modules', entry), join(copy, 'node_modules', entry));
    }
  }
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run new', () => {
  it('starts a post that builds, and a Q&A file for it', () => {
    const made = npmNew('post', 'The Value of a Game: Fréchet & Co.');
    expect(made.output).toContain('wrote content/posts/the-value-of-a-game-frechet-co.mdx');
    expect(made.status).toBe(0);
    const file = join(copy, 'content/posts/the-value-of-a-game-frechet-co.mdx');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('title: "The Value of a Game: Fréchet & Co."');
    expect(text).toContain(`date: ${today()}`);
    expect(text).toContain(`author: ${JSON.stringify(DEFAULT_AUTHOR)}`);
    expect(text).toContain('draft: true');

    const qa = npmNew('qa', 'the-value-of-a-game-frechet-co', 'keypoints');
    expect(qa.output).toContain('wrote content/qa/the-value-of-a-game-frechet-co/keypoints.md');
    expect(qa.status).toBe(0);

    // Publishing is one edit; then the production build must render every part of the template.
    writeFileSync(file, text.replace('draft: true', 'draft: false'));
    const build = spawnSync(process.execPath, [join(copy, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: copy,
      encoding: 'utf8',
      env: productionBuildEnv(),
      timeout: 180_000,
    });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const html = readFileSync(join(copy, 'dist/posts/the-value-of-a-game-frechet-co/index.html'), 'utf8');
    expect(html).toContain('The Value of a Game: Fréchet &amp; Co.');
    expect(html).toContain('class="katex"'); // maths
    expect(html).toMatch(/data-island="sample-grid"/); // the island inside the figure
    expect(html).toMatch(/id="samples"/); // the figure's anchor, which the FigRef links to
    expect(html).toContain('minimaxDiscriminatorLoss'); // the source region from models/gan/losses.ts
    expect(html).toMatch(/\d{3},\d{3}<\/span> parameters/); // the card value (params), formatted as an integer
    expect(existsSync(join(copy, 'dist/qa/the-value-of-a-game-frechet-co/index.html'))).toBe(true);
  }, 240_000);

  it('refuses to overwrite a post', () => {
    writeFileSync(join(copy, 'content/posts/taken.md'), '---\ntitle: Taken\n---\n');
    const again = npmNew('post', 'Taken');
    expect(again.status).toBe(1);
    expect(again.output).toContain('a post with id "taken" already exists (content/posts/taken.md)');
    expect(readFileSync(join(copy, 'content/posts/taken.md'), 'utf8')).toBe('---\ntitle: Taken\n---\n');
  });

  it('rejects an unknown kind and an unknown post, saying what would work', () => {
    const kind = npmNew('qa', 'taken', 'quiz');
    expect(kind.status).toBe(2);
    expect(kind.output).toContain('unknown kind "quiz"; use one of: preview, explanation, keypoints, review');
    const post = npmNew('qa', 'no-such-post', 'review');
    expect(post.status).toBe(1);
    expect(post.output).toMatch(/no post with id "no-such-post" in content\/posts; posts: .*taken/);
    expect(existsSync(join(copy, 'content/qa/no-such-post'))).toBe(false);
  });
});
