/**
 * Publishing rules in one place: which posts are visible, in what order, and how
 * they group into tags and series. Pure functions over `{ id, data }` so they are
 * unit-tested without Astro; `src/lib/content.ts` applies them to the collections.
 */
import { tagSlug } from './urls.ts';

export interface PostLike {
  id: string;
  data: {
    title: string;
    date: Date;
    draft: boolean;
    tags: string[];
    series?: string | undefined;
    order?: number | undefined;
  };
}

/** Drafts are visible only when `includeDrafts` (i.e. in `astro dev`). */
export function isVisible(post: PostLike, includeDrafts: boolean): boolean {
  return includeDrafts || !post.data.draft;
}

/** Newest first; equal dates fall back to title so the order is stable across builds. */
export function sortNewestFirst<T extends PostLike>(posts: readonly T[]): T[] {
  return [...posts].sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.data.title.localeCompare(b.data.title));
}

/** The chronological neighbours of a post in a newest-first list. */
export function neighbours<T extends PostLike>(
  sortedNewestFirst: readonly T[],
  id: string,
): { newer: T | undefined; older: T | undefined } {
  const index = sortedNewestFirst.findIndex((post) => post.id === id);
  if (index === -1) return { newer: undefined, older: undefined };
  return { newer: sortedNewestFirst[index - 1], older: sortedNewestFirst[index + 1] };
}

export interface TagGroup<T> {
  tag: string;
  slug: string;
  posts: T[];
}

/**
 * Posts grouped by tag slug (so "GANs" and "gans" are one tag), tags sorted by
 * name; the display name is the first spelling met in newest-first order.
 */
export function groupByTag<T extends PostLike>(posts: readonly T[]): TagGroup<T>[] {
  const groups = new Map<string, TagGroup<T>>();
  for (const post of sortNewestFirst(posts)) {
    for (const tag of new Set(post.data.tags)) {
      const slug = tagSlug(tag);
      const group = groups.get(slug) ?? { tag, slug, posts: [] };
      if (!group.posts.includes(post)) group.posts.push(post);
      groups.set(slug, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.tag.localeCompare(b.tag));
}

export interface Series<T> {
  name: string;
  posts: T[];
}

/** Series with their posts in `order` (then date); series sorted by their newest post. */
export function groupBySeries<T extends PostLike>(posts: readonly T[]): Series<T>[] {
  const groups = new Map<string, T[]>();
  for (const post of posts) {
    if (!post.data.series) continue;
    groups.set(post.data.series, [...(groups.get(post.data.series) ?? []), post]);
  }
  const byOrder = (a: T, b: T) =>
    (a.data.order ?? Number.MAX_SAFE_INTEGER) - (b.data.order ?? Number.MAX_SAFE_INTEGER) || a.data.date.getTime() - b.data.date.getTime();
  const newest = (list: T[]) => Math.max(...list.map((p) => p.data.date.getTime()));
  return [...groups.entries()]
    .map(([name, list]) => ({ name, posts: [...list].sort(byOrder) }))
    .sort((a, b) => newest(b.posts) - newest(a.posts));
}
