import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { makeQaSchema, postSchema } from '../../../src/lib/schemas.ts';

const fixture = (name: string) =>
  parseFrontmatter(readFileSync(new URL(`../../fixtures/site/frontmatter/${name}`, import.meta.url), 'utf8')).frontmatter;

/** The dotted paths of all issues, e.g. ["tags", "pairs.1.answer"]. */
function failingFields(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')],
  );
}

describe('post schema', () => {
  it('accepts a post with every field and applies types', () => {
    const post = postSchema.parse(fixture('good-post.mdx'));
    expect(post.date).toBeInstanceOf(Date);
    expect(post.updated?.toISOString().slice(0, 10)).toBe('2026-11-10');
    expect(post).toMatchObject({ slug: 'custom-slug', series: 'Fixture series', order: 2, draft: false });
  });

  it('accepts the required fields only and defaults draft to false', () => {
    const post = postSchema.parse(fixture('minimal-post.md'));
    expect(post.draft).toBe(false);
    expect(post.date.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it.each([
    ['bad-date.md', ['date']],
    ['bad-unknown-field.md', ['tags', 'tag']],
    ['bad-order-without-series.md', ['order']],
    ['bad-updated-before-date.md', ['updated']],
    ['bad-slug.md', ['slug']],
  ])('rejects %s, naming %j', (file, fields) => {
    expect(failingFields(postSchema, fixture(file)).sort()).toEqual([...fields].sort());
  });

  it.each([
    ['title', ''],
    ['description', undefined],
    ['tags', []],
    ['tags', ['ok', '']],
    ['author', '  '],
    ['draft', 'yes'],
    ['order', 1.5],
  ])('names the field when %s is %j', (field, value) => {
    const data = { ...fixture('good-post.mdx'), [field]: value };
    expect(failingFields(postSchema, data).map((f) => f.split('.')[0])).toContain(field);
  });
});

describe('Q&A schema', () => {
  const qaSchema = makeQaSchema(z.string());

  it.each(['qa-good-preview.md', 'qa-good-explanation.md', 'qa-good-keypoints.md', 'qa-good-review.md'])('accepts %s', (file) => {
    expect(qaSchema.safeParse(fixture(file)).success).toBe(true);
  });

  it.each([
    ['qa-bad-kind.md', ['kind']],
    ['qa-bad-empty-questions.md', ['questions']],
    ['qa-bad-wrong-list-for-kind.md', ['points', 'questions']],
  ])('rejects %s, naming %j', (file, fields) => {
    expect(failingFields(qaSchema, fixture(file)).sort()).toEqual([...fields].sort());
  });

  it('names the nested field of a review pair', () => {
    const data = { post: 'p', kind: 'review', pairs: [{ question: 'Q?', answer: 'A' }, { question: 'Q2?' }] };
    expect(failingFields(qaSchema, data)).toEqual(['pairs.1.answer']);
  });

  it('requires the post reference', () => {
    expect(failingFields(qaSchema, { kind: 'keypoints', points: ['x'] })).toEqual(['post']);
  });
});
