import { describe, expect, it } from 'vitest';
import { absoluteUrl, joinBase, normaliseBase, sitePath, tagSlug } from '../../../src/lib/urls.ts';

describe('URL helpers', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['minimax', '/minimax/'],
    ['/minimax', '/minimax/'],
    ['/a/b/', '/a/b/'],
  ])('normalises base %j to %j', (input, expected) => {
    expect(normaliseBase(input)).toBe(expected);
  });

  it.each([
    ['/', '', '/'],
    ['/', 'posts/gan', '/posts/gan/'],
    ['/minimax/', '', '/minimax/'],
    ['/minimax/', '/posts/gan/', '/minimax/posts/gan/'],
    ['/minimax', 'tags/theory', '/minimax/tags/theory/'],
    ['/minimax/', 'rss.xml', '/minimax/rss.xml'],
    ['/minimax/', 'models/dcgan/model.json', '/minimax/models/dcgan/model.json'],
    ['/minimax/', 'posts/gan/#the-value-function', '/minimax/posts/gan/#the-value-function'],
    ['/minimax/', 'qa?x=1', '/minimax/qa/?x=1'],
  ])('joins base %j and %j', (base, path, expected) => {
    expect(joinBase(base, path)).toBe(expected);
  });

  it('uses the configured base for site paths', () => {
    expect(sitePath('about')).toBe(joinBase(import.meta.env.BASE_URL, 'about'));
  });

  it('builds absolute URLs from site and a based path', () => {
    expect(absoluteUrl('/minimax/posts/a/', 'https://example.org')).toBe('https://example.org/minimax/posts/a/');
    expect(absoluteUrl('/posts/a/', new URL('https://example.org/ignored/'))).toBe('https://example.org/posts/a/');
  });

  it.each([
    ['GANs', 'gans'],
    ['loss functions', 'loss-functions'],
    ['Wasserstein (WGAN-GP)', 'wasserstein-wgan-gp'],
    ['Fréchet distance', 'frechet-distance'],
  ])('slugs tag %j as %j', (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug);
  });
});
