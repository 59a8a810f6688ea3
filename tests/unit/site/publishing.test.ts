import { describe, expect, it } from 'vitest';
import { groupBySeries, groupByTag, isVisible, neighbours, type PostLike, sortNewestFirst } from '../../../src/lib/publishing.ts';

const post = (id: string, date: string, extra: Partial<PostLike['data']> = {}): PostLike => ({
  id,
  data: { title: id.toUpperCase(), date: new Date(date), draft: false, tags: ['GANs'], ...extra },
});

const a = post('a', '2026-01-01', { tags: ['GANs', 'theory'], series: 'S', order: 2 });
const b = post('b', '2026-03-01', { tags: ['gans'], series: 'S', order: 1 });
const c = post('c', '2026-02-01', { tags: ['Theory'] });
const draft = post('d', '2026-04-01', { draft: true });

describe('publishing rules', () => {
  it('hides drafts unless drafts are included (dev)', () => {
    expect(isVisible(draft, false)).toBe(false);
    expect(isVisible(draft, true)).toBe(true);
    expect(isVisible(a, false)).toBe(true);
  });

  it('sorts newest first, then by title, without mutating the input', () => {
    const input = [a, b, c];
    expect(sortNewestFirst(input).map((p) => p.id)).toEqual(['b', 'c', 'a']);
    expect(input.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    const twin = post('z', '2026-03-01');
    expect(sortNewestFirst([twin, b]).map((p) => p.id)).toEqual(['b', 'z']);
  });

  it('finds newer and older neighbours', () => {
    const sorted = sortNewestFirst([a, b, c]);
    expect(neighbours(sorted, 'c')).toEqual({ newer: b, older: a });
    expect(neighbours(sorted, 'b')).toEqual({ newer: undefined, older: c });
    expect(neighbours(sorted, 'missing')).toEqual({ newer: undefined, older: undefined });
  });

  it('groups tags case-insensitively by slug, posts newest first', () => {
    const groups = groupByTag([a, b, c]);
    expect(groups.map((g) => [g.slug, g.posts.map((p) => p.id)])).toEqual([
      ['gans', ['b', 'a']],
      ['theory', ['c', 'a']],
    ]);
  });

  it('orders a series by `order`', () => {
    expect(groupBySeries([a, b, c])).toEqual([{ name: 'S', posts: [b, a] }]);
  });
});
