/**
 * A frontmatter error must fail `astro build` with a message naming the file and
 * the field; so must a <SourceRegion> whose region is missing. The fixture sites
 * use the real src/content.config.ts (and, for the region, the real site).
 */
import { describe, expect, it } from 'vitest';
import { buildFixture } from './build-env.ts';

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

describe('astro build with a missing source region', () => {
  it('fails and names the source file and the region', () => {
    const { status, output } = buildFixture('bad-source-region');
    expect(status).not.toBe(0);
    expect(output).toContain('content/posts/gan-minimax-game/optimal-discriminator.ts: no "// #region no-such-region"');
  }, 120_000);
});
