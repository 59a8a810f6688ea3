/**
 * Post files and their ids outside the `astro:content` runtime: the link check names the file
 * behind a broken page, and `npm run new -- qa <post-id>` checks that the post exists. The id
 * rule is the glob loader's (Astro's `generateIdDefault`): the `slug` field, else the path
 * without extension, each segment slugged with github-slugger, a trailing `/index` dropped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { slug } from 'github-slugger';

/** The id Astro's glob loader gives a post at `rel` (relative to `content/posts`). */
export function postIdFromPath(rel: string, slugField?: string): string {
  if (slugField) return slugField;
  return rel
    .split(/[\\/]/)
    .join('/')
    .replace(/\.(md|mdx)$/, '')
    .split('/')
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

/** The `slug:` frontmatter field, read without a YAML parser (a plain scalar is all it may be). */
export function slugField(source: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  return /^slug:\s*["']?([^"'\n#]+?)["']?\s*$/m.exec(frontmatter)?.[1];
}

export interface PostFile {
  id: string;
  /** Path relative to the project root, with `/`. */
  file: string;
}

/** Every post under `<root>/content/posts`, sorted by id. */
export function listPostFiles(root: string, postsDir = 'content/posts'): PostFile[] {
  const dir = join(root, postsDir);
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const full = join(d, name);
      return statSync(full).isDirectory() ? walk(full) : /\.(md|mdx)$/.test(name) ? [full] : [];
    });
  return walk(dir)
    .map((full) => ({
      id: postIdFromPath(relative(dir, full), slugField(readFileSync(full, 'utf8'))),
      file: relative(root, full).split(sep).join('/'),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
