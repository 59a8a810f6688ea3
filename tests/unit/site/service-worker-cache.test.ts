import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSWCached } from '../../../src/integrations/service-worker.ts';

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'sw-cache-'));
  const dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, '_astro'), { recursive: true });
  writeFileSync(path.join(dist, '_astro/site.css'), 'body { color: black }\n');
  const cacheDir = path.join(root, 'cache');
  const options = {
    swDest: path.join(dist, 'sw.js'),
    globDirectory: dist,
    globPatterns: ['_astro/site.css'],
    inlineWorkboxRuntime: true,
    mode: 'development',
    sourcemap: false,
  };
  const warnings: string[] = [];
  const build = () => generateSWCached(options, cacheDir, (m) => warnings.push(m));
  const sw = () => readFileSync(options.swDest, 'utf8');
  /** Replaces the cached sw.js, so a hit is recognisable. */
  const plant = (text: string) => {
    const [entry] = readdirSync(cacheDir);
    const file = path.join(cacheDir, entry ?? '');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), sw: text }));
  };
  return { dist, cacheDir, warnings, build, sw, plant };
}

describe('service worker cache', () => {
  it('reuses sw.js while the precached files are unchanged, and regenerates it when one changes', async () => {
    const { dist, build, sw, plant } = setup();
    const first = await build();
    expect(first.count).toBe(1);
    const generated = sw();
    expect(generated).toContain('_astro/site.css');
    plant('// from the cache');
    expect((await build()).count).toBe(1);
    expect(sw()).toBe('// from the cache');

    // A precached file changed: its revision in sw.js changes, so the cache must not answer.
    writeFileSync(path.join(dist, '_astro/site.css'), 'body { color: navy }\n');
    await build();
    expect(sw()).not.toBe('// from the cache');
    expect(sw()).not.toBe(generated);
    expect(sw()).toContain('_astro/site.css');
  }, 60_000);

  it('ignores a damaged entry with a warning', async () => {
    const { cacheDir, warnings, build, sw } = setup();
    await build();
    const generated = sw();
    const [entry] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, entry ?? ''), '{"sw": 3');
    writeFileSync(path.join(path.dirname(cacheDir), 'dist/sw.js'), '');
    await build();
    expect(sw()).toBe(generated);
    expect(warnings.join('\n')).toMatch(/damaged entry/);
  }, 60_000);
});
