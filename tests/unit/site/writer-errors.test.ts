/**
 * Mistakes a writer makes in a post must fail `astro build` with a message that names the post
 * and says what to fix: an island given a model that is not published, and an internal link or
 * #fragment that leads nowhere. Each fixture is the real site over a post with that mistake.
 */
import { describe, expect, it } from 'vitest';
import { buildFixture } from './build-env.ts';

describe('astro build with an island whose model is not published', () => {
  it('fails and names the post, the line, the attribute and the models that fit', () => {
    const { status, output } = buildFixture('bad-island-model');
    expect(status).not.toBe(0);
    expect(output).toContain(
      'content/posts/unknown-model.mdx:13:1: <SampleGrid model="no-such-model">: models/no-such-model/artifact/card.json does not exist',
    );
    // The unconditional generators fit a SampleGrid; cgan (conditional) and the classifier do not.
    const fits = /Use one of: ([^;]+);/.exec(output)?.[1]?.split(', ') ?? [];
    expect(fits).toContain('dcgan');
    expect(fits).not.toContain('cgan');
    expect(fits).not.toContain('classifier');
  }, 120_000);
});

describe('astro build with a broken internal link', () => {
  // Under a sub-path, so links written from the site root (`/posts/target/`) must get the base.
  it('fails and names the post, each broken link and what is missing', () => {
    const { status, output } = buildFixture('bad-link', { BASE_PATH: '/minimax/' });
    expect(status).not.toBe(0);
    expect(output).toContain('2 broken internal links');
    expect(output).toContain(
      'content/posts/links-out.md (page /minimax/posts/links-out/): "../no-such-post/": no page or file at /minimax/posts/no-such-post/',
    );
    expect(output).toContain(
      'content/posts/links-out.md (page /minimax/posts/links-out/): "/minimax/posts/target/#no-such-heading": no element with id="no-such-heading" on /minimax/posts/target/',
    );
    // The working links (another post's heading, a heading on the same page) are not reported.
    expect(output).not.toContain('#a-real-heading"');
    expect(output).not.toContain('#a-heading-that-exists"');
  }, 120_000);
});
