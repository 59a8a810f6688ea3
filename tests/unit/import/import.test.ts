/**
 * `npm run import`: fixture files in the shapes writers bring from other
 * generators (tests/fixtures/import/: Hugo TOML with shortcodes and Q&A
 * sections, a fenceless `key: value` header, plain Markdown with no front
 * matter, stray artefacts and broken fences, and an unreadable header) are
 * imported into a temporary copy of the content folder, checked, and built.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/import.ts';
import { ImportError, parseHeader } from '../../../src/cli/import/header.ts';
import { planImport, type ImportOptions } from '../../../src/cli/import/import-file.ts';
import { productionBuildEnv } from '../site/build-env.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join(repo, 'tests/fixtures/import', name);

/** A project root with one existing post, under tests/.output so the site's node_modules resolve. */
function makeRoot(): string {
  mkdirSync(join(repo, 'tests/.output'), { recursive: true });
  const root = mkdtempSync(join(repo, 'tests/.output/import-site-'));
  mkdirSync(join(root, 'content/posts'), { recursive: true });
  cpSync(join(repo, 'tests/fixtures/site/blog/content/posts/first.md'), join(root, 'content/posts/first.md'));
  return root;
}

const roots: string[] = [];
const newRoot = () => {
  const root = makeRoot();
  roots.push(root);
  return root;
};
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const options = (root: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  root,
  as: 'auto',
  post: undefined,
  series: undefined,
  defaultAuthor: 'Test author',
  today: new Date('2026-12-01T00:00:00Z'),
  ...extra,
});

/** Runs the CLI with its console output captured. */
async function run(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(argv, root);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('front matter formats', () => {
  it('reads Hugo TOML, YAML, a loose header and no header', () => {
    expect(parseHeader('+++\ntitle = "A"\nweight = "4"\n+++\nBody').fields).toEqual({ title: 'A', weight: '4' });
    expect(parseHeader('---\ntitle: A\ntags: [x]\n---\nBody').fields).toEqual({ title: 'A', tags: ['x'] });
    const loose = parseHeader('title: A\n\ntags: a, b\n\n## Section\n');
    expect(loose.format).toBe('loose');
    expect(loose.fields).toEqual({ title: 'A', tags: 'a, b' });
    expect(loose.body.trim()).toBe('## Section');
    expect(parseHeader('# Title\n\nText: with a colon').format).toBe('none');
  });

  it('names the line of a broken header', () => {
    expect(() => parseHeader(readFileSync(fixture('broken.md'), 'utf8'))).toThrow(ImportError);
    try {
      parseHeader(readFileSync(fixture('broken.md'), 'utf8'));
    } catch (error) {
      expect((error as ImportError).line).toBeGreaterThanOrEqual(4);
      expect((error as ImportError).message).toMatch(/invalid TOML/);
    }
  });
});

describe('posts', () => {
  it('maps a Hugo post: weight to order in a series, shortcodes converted or kept and listed', async () => {
    const plan = await planImport(fixture('hugo-post.md'), options(newRoot(), { series: 'Budget GANs' }));
    expect(plan.format).toBe('toml');
    expect(plan.files.map((f) => f.path)).toEqual(['content/posts/training-gans-on-a-budget.mdx']);
    const content = plan.files[0]?.content ?? '';
    expect(content).toMatch(/^order: 4$/m);
    expect(content).toMatch(/^date: 2024-03-01$/m);
    expect(content).toMatch(/^series: Budget GANs$/m);
    expect(content).toContain('```python\nz = sample_noise(64)');
    expect(content).toContain('> **Note.** All timings');
    expect(content).not.toMatch(/^# /m);
    expect(plan.dropped).toEqual(['aliases']);
    const messages = plan.findings.map((f) => `${f.kind}: ${f.message}`);
    expect(messages).toContain('changed: converted the shortcode `note` to Markdown');
    expect(messages).toContain('review: unknown shortcode `gallery` kept as text');
  });

  it('drops weight without a series, and says so', async () => {
    const plan = await planImport(fixture('hugo-post.md'), options(newRoot()));
    expect(plan.files[0]?.content).not.toMatch(/^order:/m);
    expect(plan.findings.some((f) => /`weight` \(4\) dropped: an order needs a series/.test(f.message))).toBe(true);
  });

  it('reads a loose header: comma-separated tags, an ISO timestamp, the slug kept', async () => {
    const plan = await planImport(fixture('loose-header.md'), options(newRoot()));
    expect(plan.format).toBe('loose');
    const content = plan.files[0]?.content ?? '';
    expect(plan.files[0]?.path).toBe('content/posts/what-is-a-gan-really.mdx');
    expect(content).toMatch(/tags:\n {2}- deep learning\n {2}- machine learning\n {2}- GAN\n/);
    expect(content).toMatch(/^date: 2023-05-17$/m);
    expect(content).toContain('\\min_G \\max_D');
  });

  it('cleans a plain Markdown post and reports each change with its line', async () => {
    const plan = await planImport(fixture('plain.md'), options(newRoot()));
    const content = plan.files[0]?.content ?? '';
    expect(content).toMatch(/^title: Mode collapse in practice$/m);
    expect(content).not.toContain('[end of text]');
    expect(content).toContain('## Symptoms');
    expect(content).not.toMatch(/^### /m);
    expect(content).toContain('\\{for example, one digit}');
    expect(content.match(/^```/gm)?.length).toBe(2);
    const byMessage = new Map(plan.findings.map((f) => [f.message, f]));
    expect(byMessage.get('dropped the generator artefact `[end of text]`')?.line).toBe(23);
    expect(byMessage.get('removed an empty code block')?.line).toBe(8);
    expect(byMessage.get('closed an unclosed code fence before the next heading')?.line).toBe(15);
    expect(plan.findings.some((f) => f.kind === 'review' && f.message === 'section "Symptoms" has no content')).toBe(true);
  });
});

describe('Q&A sets', () => {
  it('splits the four sections into the four kinds with the right counts', async () => {
    const root = newRoot();
    const plan = await planImport(fixture('hugo-qa.md'), options(root, { post: 'first' }));
    expect(plan.as).toBe('qa');
    expect(plan.files.map((f) => f.path)).toEqual(['preview', 'explanation', 'keypoints', 'review'].map((k) => `content/qa/first/${k}.md`));
    const review = plan.files[3]?.content ?? '';
    expect(review.match(/- question:/g)).toHaveLength(3);
    expect(review).toContain('answer: No. It scores each sample on its own');
    expect(plan.files[0]?.content.match(/^ {2}- /gm)).toHaveLength(5);
    expect(plan.files[2]?.content.match(/^ {2}- /gm)).toHaveLength(3);
    expect(plan.files[1]?.content).toContain('D^*(x) = 0.3 / (0.3 + 0.1) = 0.75');
    expect(plan.files.every((f) => !f.content.includes('{{<'))).toBe(true);
  });

  it('needs --post naming an existing post', async () => {
    const root = newRoot();
    const missing = await run(root, fixture('hugo-qa.md'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/a Q&A set belongs to a post: pass --post <post-id> \(posts: first\)/);
    const unknown = await run(root, fixture('hugo-qa.md'), '--post', 'nope');
    expect(unknown.err).toMatch(/--post nope: there is no such post/);
    expect(existsSync(join(root, 'content/qa'))).toBe(false);
  });
});

describe('safety', () => {
  it('never overwrites, and a dry run writes nothing', async () => {
    const root = newRoot();
    const dry = await run(root, fixture('loose-header.md'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would write content/posts/what-is-a-gan-really.mdx');
    expect(existsSync(join(root, 'content/posts/what-is-a-gan-really.mdx'))).toBe(false);

    expect((await run(root, fixture('loose-header.md'))).code).toBe(0);
    const path = join(root, 'content/posts/what-is-a-gan-really.mdx');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nA writer's edit.\n`);
    const again = await run(root, fixture('loose-header.md'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists \(content\/posts\/what-is-a-gan-really\.mdx\); nothing was overwritten/);
    expect(readFileSync(path, 'utf8')).toContain("A writer's edit.");
  });

  it('reports an unreadable file with its line and writes nothing for it, but imports the others', async () => {
    const root = newRoot();
    const result = await run(root, fixture('broken.md'), fixture('does-not-exist.md'), fixture('loose-header.md'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/broken\.md:\d+: invalid TOML front matter/);
    expect(result.err).toMatch(/does-not-exist\.md: cannot read the file: ENOENT/);
    expect(readdirSync(join(root, 'content/posts')).sort()).toEqual(['first.md', 'what-is-a-gan-really.mdx']);
  });

  it('rejects bad arguments', async () => {
    expect((await run(newRoot(), fixture('plain.md'), '--as', 'page')).code).toBe(2);
    expect((await run(newRoot())).code).toBe(2);
  });
});

describe('imported files build', () => {
  let root = '';
  let out = '';
  beforeAll(async () => {
    root = newRoot();
    out = join(root, 'dist');
    const posts = ['hugo-post.md', 'loose-header.md', 'plain.md'].map(fixture);
    expect((await run(root, ...posts, '--series', 'Imported')).code).toBe(0);
    expect((await run(root, fixture('hugo-qa.md'), '--post', 'what-is-a-gan-really')).code).toBe(0);
    writeFileSync(
      join(root, 'astro.config.mjs'),
      `import siteConfig from '${join(repo, 'astro.config.mjs')}';\n` +
        `export default { ...siteConfig, srcDir: '${join(repo, 'src')}', publicDir: '${join(repo, 'public')}', outDir: '${out}' };\n`,
    );
    const result = spawnSync(process.execPath, [`${repo}node_modules/astro/bin/astro.mjs`, 'build', '--root', root], {
      encoding: 'utf8',
      env: productionBuildEnv(),
      timeout: 240_000,
    });
    if (result.status !== 0) throw new Error(`build of imported files failed:\n${result.stdout}\n${result.stderr}`);
  }, 300_000);

  it('renders every imported post and the Q&A page', () => {
    for (const id of ['training-gans-on-a-budget', 'what-is-a-gan-really', 'mode-collapse-in-practice']) {
      expect(existsSync(join(out, `posts/${id}/index.html`)), id).toBe(true);
    }
    const qa = readFileSync(join(out, 'qa/what-is-a-gan-really/index.html'), 'utf8');
    expect(qa).toContain('Does the discriminator compare a real and a generated sample?');
    const post = readFileSync(join(out, 'posts/what-is-a-gan-really/index.html'), 'utf8');
    expect(post).toContain('class="katex');
  });
});
