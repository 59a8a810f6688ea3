/**
 * `npm run new -- post "Title" [--slug s] [--tags "a, b"] [--description "…"]`
 * `npm run new -- qa <post-id> <kind>`
 *
 * Starts a post (content/posts/<slug>.mdx, a draft with today's date and the configured author)
 * or one kind of Q&A material for a post (content/qa/<post-id>/<kind>.md), from templates that
 * pass the content schemas (./new/templates.ts). It never overwrites a file. Exit status: 0 on
 * success, 1 when the file or post is not as expected, 2 on bad arguments.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { slug as githubSlug } from 'github-slugger';
import { listPostFiles } from '../lib/post-files.ts';
import { postSchema, QA_KINDS, type QaKind } from '../lib/schemas.ts';
import { DEFAULT_AUTHOR } from '../lib/site.ts';
import { postTemplate, qaTemplate } from './new/templates.ts';

const USAGE = `usage: npm run new -- post "Title" [--slug SLUG] [--tags "a, b"] [--description "One sentence."]
       npm run new -- qa <post-id> <kind>

  post   writes content/posts/<slug>.mdx, a draft dated today by "${DEFAULT_AUTHOR}"
         (DEFAULT_AUTHOR in src/lib/site.ts); the slug comes from the title
  qa     writes content/qa/<post-id>/<kind>.md; kind is one of: ${QA_KINDS.join(', ')}`;

/** A mistake in what was asked for: the message says what to do instead. */
export class NewCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'NewCommandError';
  }
}

const usageError = (message: string) => new NewCommandError(`${message}\n\n${USAGE}`, 2);

/** Lower-case ASCII words joined by dashes, as the post schema's `slug` requires. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug github-slugger makes of a title, with accents folded to ASCII first ("Fréchet" -> "frechet"). */
export function slugFromTitle(title: string): string {
  const folded = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return githubSlug(folded)
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Today in the writer's time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function writeNew(root: string, rel: string, text: string): string {
  const path = join(root, rel);
  if (existsSync(path)) throw new NewCommandError(`${rel} already exists; not overwriting it. Edit it, or choose another name.`, 1);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
  return rel;
}

export function newPost(root: string, title: string, options: { slug?: string; tags?: string; description?: string }): string {
  if (title.trim() === '') throw usageError('the post needs a title: npm run new -- post "My title"');
  const slug = options.slug ?? slugFromTitle(title);
  if (!SLUG.test(slug)) {
    throw usageError(`cannot make a slug from "${title}" (got "${slug}"); pass one: --slug lower-case-words-with-dashes`);
  }
  const taken = listPostFiles(root).find((post) => post.id === slug);
  if (taken) throw new NewCommandError(`a post with id "${slug}" already exists (${taken.file}); choose another --slug.`, 1);
  const tags = (options.tags ?? 'gans')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const fields = {
    title: title.trim(),
    slug,
    date: today(),
    author: DEFAULT_AUTHOR,
    tags,
    description: options.description ?? `One or two sentences on what "${title.trim()}" explains (shown in lists and feeds).`,
  };
  // The template's frontmatter must satisfy the schema the build applies.
  const check = postSchema.safeParse({ ...fields, slug: undefined, draft: true });
  if (!check.success) {
    throw usageError(check.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return writeNew(root, `content/posts/${slug}.mdx`, postTemplate(fields));
}

export function newQa(root: string, postId: string | undefined, kind: string | undefined): string {
  if (!postId || !kind) throw usageError('qa needs a post id and a kind: npm run new -- qa <post-id> <kind>');
  if (!(QA_KINDS as readonly string[]).includes(kind)) {
    throw usageError(`unknown kind "${kind}"; use one of: ${QA_KINDS.join(', ')}`);
  }
  const posts = listPostFiles(root);
  if (!posts.some((post) => post.id === postId)) {
    const ids = posts.map((post) => post.id).join(', ') || '(none yet)';
    throw new NewCommandError(`no post with id "${postId}" in content/posts; posts: ${ids}`, 1);
  }
  return writeNew(root, `content/qa/${postId}/${kind}.md`, qaTemplate(postId, kind as QaKind));
}

export function main(argv: readonly string[], root = process.cwd()): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: {
          slug: { type: 'string' },
          tags: { type: 'string' },
          description: { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (error) {
      throw usageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [what, ...rest] = positionals;
    let written: string;
    if (what === 'post') {
      if (rest.length !== 1) throw usageError('post takes one title; quote it: npm run new -- post "My title"');
      written = newPost(root, rest[0] ?? '', values);
    } else if (what === 'qa') {
      if (rest.length !== 2) throw usageError('qa takes a post id and a kind: npm run new -- qa <post-id> <kind>');
      written = newQa(root, rest[0], rest[1]);
    } else {
      throw usageError(what === undefined ? 'say what to create: post or qa' : `unknown thing to create "${what}"; use post or qa`);
    }
    console.log(`wrote ${written}\nPreview it with \`npm run dev\` (drafts show there); check it with \`npm run check\`.`);
    return 0;
  } catch (error) {
    if (error instanceof NewCommandError) {
      console.error(`npm run new: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
