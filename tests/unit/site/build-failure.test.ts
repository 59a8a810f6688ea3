/**
 * A frontmatter error must fail `astro build` with a message naming the file and
 * the field. Each fixture site re-exports the real src/content.config.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const astroBin = `${repo}node_modules/astro/bin/astro.mjs`;

function buildFixture(name: string) {
  const root = `${repo}tests/fixtures/site/${name}`;
  // process.execPath is the project's Node 24 (npm scripts put it first on PATH).
  const result = spawnSync(process.execPath, [astroBin, 'build', '--root', root], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('astro build with bad frontmatter', () => {
  it('fails on a post field and names the file and the field', () => {
    const { status, output } = buildFixture('bad-frontmatter');
    expect(status).not.toBe(0);
    expect(output).toContain('InvalidContentEntryDataError');
    expect(output).toContain('content/posts/empty-tags.md');
    expect(output).toMatch(/^\s*tags: Too small/m);
  }, 120_000);

  it('fails on a nested Q&A field and names the file and the path', () => {
    const { status, output } = buildFixture('bad-qa');
    expect(status).not.toBe(0);
    expect(output).toContain('content/qa/a-post/review.md');
    expect(output).toContain('pairs.1.answer');
  }, 120_000);
});
