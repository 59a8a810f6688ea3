/**
 * The collections as the pages see them: publishing rules from `publishing.ts`
 * applied to `astro:content`. Drafts are included only in `astro dev`.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { groupByTag, isVisible, sortNewestFirst } from './publishing.ts';
import { QA_KINDS, type QaKind } from './schemas.ts';

export type Post = CollectionEntry<'posts'>;
export type QaEntry = CollectionEntry<'qa'>;

// `astro dev` runs in development mode; `astro build` in production mode even if
// NODE_ENV says otherwise (e.g. a build started from a test runner).
const includeDrafts = import.meta.env.DEV && import.meta.env.MODE === 'development';

/** Visible posts, newest first. */
export async function getPosts(): Promise<Post[]> {
  const posts = await getCollection('posts', (post) => isVisible(post, includeDrafts));
  return sortNewestFirst(posts);
}

/** Visible tags with their posts, sorted by tag name. */
export async function getTags() {
  return groupByTag(await getPosts());
}

export interface QaTopic {
  post: Post;
  /** Entries in reading order (preview, explanation, key points, review); absent kinds are skipped. */
  entries: QaEntry[];
}

/**
 * Q&A material grouped by article. A topic whose post is hidden (draft) is hidden
 * too; a reference to a missing post or two entries of one kind fail the build.
 */
export async function getQaTopics(): Promise<QaTopic[]> {
  const posts = await getPosts();
  const allPostIds = new Set((await getCollection('posts')).map((p) => p.id));
  const byPost = new Map<string, Map<QaKind, QaEntry>>();
  for (const entry of await getCollection('qa')) {
    const postId = entry.data.post.id;
    if (!allPostIds.has(postId)) {
      throw new Error(`content/qa entry "${entry.id}": field "post" names unknown post "${postId}"`);
    }
    const kinds = byPost.get(postId) ?? new Map<QaKind, QaEntry>();
    if (kinds.has(entry.data.kind)) {
      throw new Error(`content/qa: post "${postId}" has two "${entry.data.kind}" entries`);
    }
    kinds.set(entry.data.kind, entry);
    byPost.set(postId, kinds);
  }
  return posts.flatMap((post) => {
    const kinds = byPost.get(post.id);
    if (!kinds) return [];
    const entries = QA_KINDS.flatMap((kind) => kinds.get(kind) ?? []);
    return [{ post, entries }];
  });
}
