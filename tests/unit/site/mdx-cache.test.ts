import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  createMdxCache,
  MAX_PARALLEL_COMPILES,
  MDX_PLUGIN_NAME,
  projectFingerprint,
  wrapMdxPlugin,
} from '../../../src/markdown/mdx-cache.ts';

type Result = { code: string; map: null; meta: { astro: { scripts: string[] } } };

/** A real MDX compile (so stale output would show as stale JS), counting its calls. */
function compiler(suffix = '') {
  const calls: string[] = [];
  const handler = async (code: string, id: string): Promise<Result> => {
    calls.push(id);
    const js = String(await compile(code, { jsxImportSource: 'astro' }));
    return { code: `${js}\n// ${suffix}`, map: null, meta: { astro: { scripts: [] } } };
  };
  return { calls, handler };
}

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'mdx-cache-'));
  const post = path.join(root, 'content/posts/p.mdx');
  mkdirSync(path.dirname(post), { recursive: true });
  mkdirSync(path.join(root, 'content/bibliography'), { recursive: true });
  writeFileSync(path.join(root, 'content/bibliography/refs.bib'), '@misc{a, title={A}}\n');
  const plugin = path.join(root, 'plugin.ts');
  writeFileSync(plugin, 'export const version = 1;\n');
  const dir = path.join(root, 'cache');
  const warnings: string[] = [];
  /** One build: a fresh cache object over the same folder, as a new `astro build` process has. */
  const build = (fingerprint = () => projectFingerprint([plugin], 'config')) =>
    createMdxCache({ dir, fingerprint, warn: (m) => warnings.push(m) });
  return { root, post, plugin, dir, warnings, build };
}

describe('MDX compile cache', () => {
  it('reuses the compiled module of an unchanged file in the next build, and never serves stale output', async () => {
    const { post, plugin, root, build } = setup();
    const first = compiler();
    const one = await build().wrap(first.handler)('# One', post);
    expect(first.calls).toHaveLength(1);

    const second = compiler();
    const again = await build().wrap(second.handler)('# One', post);
    expect(second.calls).toHaveLength(0); // a hit
    expect(again).toEqual(one);

    // The file changed: compiled again, and the new output is the new file's.
    const third = compiler();
    const edited = await build().wrap(third.handler)('# Two', post);
    expect(third.calls).toHaveLength(1);
    expect(edited?.code).toContain('"Two"');
    expect(edited?.code).not.toContain('"One"');

    // A plugin's source changed: every file is compiled again.
    writeFileSync(plugin, 'export const version = 2;\n');
    const fourth = compiler('plugin v2');
    const afterPlugin = await build().wrap(fourth.handler)('# Two', post);
    expect(fourth.calls).toHaveLength(1);
    expect(afterPlugin?.code).toContain('plugin v2');

    // The bibliography the post cites from changed: compiled again.
    writeFileSync(path.join(root, 'content/bibliography/refs.bib'), '@misc{a, title={A, revised}}\n');
    const fifth = compiler('bib v2');
    expect((await build().wrap(fifth.handler)('# Two', post))?.code).toContain('bib v2');
    expect(fifth.calls).toHaveLength(1);

    // The configuration changed (e.g. another base path): compiled again.
    const sixth = compiler('base v2');
    const other = build(() => projectFingerprint([plugin], 'other config'));
    expect((await other.wrap(sixth.handler)('# Two', post))?.code).toContain('base v2');
    expect(sixth.calls).toHaveLength(1);
  });

  it('ignores a damaged entry with a warning and compiles again', async () => {
    const { post, dir, warnings, build } = setup();
    await build().wrap(compiler().handler)('# One', post);
    const [entry] = readdirSync(dir);
    expect(entry).toBeDefined();
    writeFileSync(path.join(dir, entry ?? ''), '{"format":1,"id":');
    const next = compiler();
    const cache = build();
    const result = await cache.wrap(next.handler)('# One', post);
    expect(next.calls).toHaveLength(1);
    expect(result?.code).toContain('"One"');
    expect(cache.stats.corrupt).toBe(1);
    expect(warnings.join('\n')).toMatch(/damaged entry/);
    // ... and stored a good one for the build after.
    const after = compiler();
    await build().wrap(after.handler)('# One', post);
    expect(after.calls).toHaveLength(0);
  });

  it('compiles again when a file the module imports by absolute path is gone, and never caches a failed compile', async () => {
    const { post, root, build } = setup();
    const image = path.join(root, 'content/posts/figure.png');
    writeFileSync(image, 'png');
    const withImport = async (code: string, id: string) => {
      calls.push(id);
      return { code: `import img from ${JSON.stringify(image)};\n${code}`, map: null };
    };
    const calls: string[] = [];
    await build().wrap(withImport)('x', post);
    await build().wrap(withImport)('x', post);
    expect(calls).toHaveLength(1);
    rmSync(image);
    await build().wrap(withImport)('x', post);
    expect(calls).toHaveLength(2);

    const failing = async () => {
      throw new Error('unknown citation key');
    };
    await expect(build().wrap(failing)('# Bad', post)).rejects.toThrow('unknown citation key');
    await expect(build().wrap(failing)('# Bad', post)).rejects.toThrow('unknown citation key');
  });

  it('removes entries the build did not use', async () => {
    const { post, dir, build } = setup();
    await build().wrap(compiler().handler)('# One', post);
    const cache = build();
    await cache.wrap(compiler().handler)('# Two', post);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(cache.prune()).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("wraps @astrojs/mdx's transform once", () => {
    const handler = async () => ({ code: '' });
    const plugins = [{ name: MDX_PLUGIN_NAME, transform: { filter: { id: /\.mdx$/ }, handler } }] as unknown as Plugin[];
    let wraps = 0;
    const wrap = <T>(h: T) => {
      wraps++;
      const w = (() => h) as unknown as T;
      (w as unknown as Record<symbol, boolean>)[Symbol.for('minimax.mdx-cache.wrapped')] = true;
      return w;
    };
    expect(wrapMdxPlugin(plugins, wrap)).toBe(true);
    expect(wrapMdxPlugin(plugins, wrap)).toBe(true);
    expect(wraps).toBe(1);
    expect((plugins[0]?.transform as { filter: unknown }).filter).toEqual({ id: /\.mdx$/ });
    expect(wrapMdxPlugin([], wrap)).toBe(false);
  });

  it('moves long set:html strings of server-side modules into files that the module reads, and prunes them', async () => {
    const { root, post } = setup();
    const htmlDir = path.join(root, 'html');
    const html = `<p>${'x'.repeat(2000)} "quoted" \\ ∼</p>`;
    const code = `export default () => _jsx(Fragment, {\n  "set:html": ${JSON.stringify(html)}\n});\nconst short = {"set:html": "<p>a</p>"};\n`;
    const handler = async (): Promise<Result> => ({ code, map: null, meta: { astro: { scripts: [] } } });
    const cache = () => createMdxCache({ dir: path.join(root, 'cache'), htmlDir, fingerprint: () => 'f', warn: () => {} });
    const server = { environment: { name: 'prerender' } };
    const result = await cache().wrap(handler).call(server, '# One', post);
    const [file] = readdirSync(htmlDir);
    expect(file).toBeDefined();
    expect(readFileSync(path.join(htmlDir, file ?? ''), 'utf8')).toBe(html);
    expect(result?.code).toContain(`"set:html": __minimaxHtml(${JSON.stringify(path.join(htmlDir, file ?? ''))})`);
    expect(result?.code).toContain('"set:html": "<p>a</p>"'); // short strings stay
    expect(result?.code.startsWith('import { readFileSync as __minimaxReadFile } from "node:fs";')).toBe(true);
    // A hit gives the same module; a browser bundle keeps its strings.
    const again = cache();
    expect(await again.wrap(handler).call(server, '# One', post)).toEqual(result);
    expect((await again.wrap(handler).call({ environment: { name: 'client' } }, '# One', post))?.code).toBe(code);
    // A module whose HTML file went missing is compiled again, which writes the file again.
    rmSync(path.join(htmlDir, file ?? ''));
    expect(await cache().wrap(handler).call(server, '# One', post)).toEqual(result);
    expect(readdirSync(htmlDir)).toEqual([file]);
    // Files no module of a build used for a day are removed at the end of a build; a recent
    // one stays, as a build running meanwhile (another base path) may read it.
    const other = cache();
    await other.wrap(handler).call({ environment: { name: 'client' } }, '# One', post);
    other.prune();
    expect(readdirSync(htmlDir)).toEqual([file]);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(path.join(htmlDir, file ?? ''), twoDaysAgo, twoDaysAgo);
    other.prune();
    expect(readdirSync(htmlDir)).toHaveLength(0);
  });

  it(`compiles at most ${MAX_PARALLEL_COMPILES} files at once`, async () => {
    const { root } = setup();
    let running = 0;
    let most = 0;
    const handler = async (code: string): Promise<Result> => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { code: `export default ${JSON.stringify(code)};`, map: null, meta: { astro: { scripts: [] } } };
    };
    const wrapped = createMdxCache({ dir: path.join(root, 'cache'), fingerprint: () => 'f', warn: () => {} }).wrap(handler);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => wrapped(`# ${i}`, path.join(root, `p${i}.mdx`))));
    expect(results.map((r) => r?.code)).toEqual(Array.from({ length: 12 }, (_, i) => `export default ${JSON.stringify(`# ${i}`)};`));
    expect(most).toBe(MAX_PARALLEL_COMPILES);
  });
});
