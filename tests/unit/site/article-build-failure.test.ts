/**
 * Writer mistakes in the article components must fail `astro build` with a message that
 * names the MDX (or .bib) file and what to fix: an unknown citation key, a key defined in
 * two .bib files, a reference to a missing figure, a card field or model that does not
 * exist, and a missing image. Each fixture is the real site over one bad post.
 */
import { describe, expect, it } from 'vitest';
import { buildFixture } from './build-env.ts';

const post = (fixture: string, file: string) => `tests/fixtures/site/${fixture}/content/posts/${file}`;

describe('astro build fails on a writer mistake in an article component', () => {
  it('an unknown citation key: names the file, its line and the key', () => {
    const { status, output } = buildFixture('bad-citation');
    expect(status).not.toBe(0);
    expect(output).toContain(`${post('bad-citation', 'unknown-key.mdx')}:11: unknown citation key "nosuchkey2099"`);
    expect(output).not.toContain('"known2020"');
  }, 120_000);

  it('a key defined in two .bib files: names both files and the key', () => {
    const { status, output } = buildFixture('bad-bib-duplicate');
    expect(status).not.toBe(0);
    const bib = 'tests/fixtures/site/bad-bib-duplicate/content/bibliography';
    expect(output).toContain(`bibliography key "known2020" is defined in both ${bib}/first.bib and ${bib}/second.bib`);
  }, 120_000);

  it('a reference to a figure that does not exist: names the file and the id', () => {
    const { status, output } = buildFixture('bad-figure-ref');
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${post('bad-figure-ref', 'missing-figure.mdx')}:16: <FigRef id="no-such-figure"> names no figure in this article (figures: real-figure)`,
    );
  }, 120_000);

  it('a card field that does not exist: names the file, the model and the path', () => {
    const { status, output } = buildFixture('bad-card-path');
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${post('bad-card-path', 'missing-card-path.mdx')}: <CardValue model="dcgan" path="training.stepz">: no field "training.stepz"`,
    );
  }, 120_000);

  it('a model that does not exist: names the file and the model', () => {
    const { status, output } = buildFixture('bad-card-model');
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${post('bad-card-model', 'unknown-model.mdx')}: <CardValue model="no-such-gan" path="params">: model "no-such-gan": models/no-such-gan/artifact/card.json not found`,
    );
  }, 120_000);

  it('an image that does not exist: names the file and the image', () => {
    const { status, output } = buildFixture('bad-image');
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${post('bad-image', 'missing-image.mdx')}:11: <Figure id="samples"> image "./missing-image/samples.png" not found`,
    );
  }, 120_000);
});
