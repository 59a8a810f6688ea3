/**
 * One source file → the files it becomes (a post, or a Q&A set), each checked
 * against the content schema and, for posts, the MDX compiler, so the next
 * build succeeds. Nothing here writes to disk: `planImport` returns a plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { z } from 'astro/zod';
import { listPostFiles } from '../../lib/post-files.ts';
import { makeQaSchema, postSchema, type QaKind } from '../../lib/schemas.ts';
import { cleanText, type Finding } from './clean-text.ts';
import { ImportError, parseHeader, type HeaderFormat } from './header.ts';
import { assertCompilesAsMdx, emptySections, neutraliseHtml, parseMarkdown, plainText, relevelHeadings, toMarkdown } from './markdown.ts';
import { mapPostFields, postFileId } from './post-fields.ts';
import { looksLikeQa, splitQa } from './qa-sections.ts';

export interface ImportOptions {
  /** Project root: files go to `<root>/content/posts/` and `<root>/content/qa/`. */
  readonly root: string;
  readonly as: 'post' | 'qa' | 'auto';
  /** The post a Q&A set belongs to. */
  readonly post: string | undefined;
  readonly series: string | undefined;
  readonly defaultAuthor: string;
  readonly today: Date;
}

export interface PlannedFile {
  /** Path relative to the project root. */
  readonly path: string;
  readonly content: string;
}

export interface ImportPlan {
  readonly source: string;
  readonly format: HeaderFormat;
  readonly as: 'post' | 'qa';
  readonly files: PlannedFile[];
  readonly mapped: string[];
  readonly dropped: string[];
  readonly findings: Finding[];
}

const HEADER_NAMES: Readonly<Record<HeaderFormat, string>> = {
  toml: 'Hugo TOML front matter (+++)',
  yaml: 'YAML front matter (---)',
  loose: 'a header of key: value lines without fences',
  none: 'no front matter',
};
export const describeHeader = (format: HeaderFormat) => HEADER_NAMES[format];

const frontmatter = (data: Record<string, unknown>) => `---\n${stringifyYaml(data, { lineWidth: 0 }).trimEnd()}\n---\n`;

/** Post ids in the project (Astro's id rule, src/lib/post-files.ts) → their files. */
const existingPostIds = (root: string) => new Map(listPostFiles(root).map((post) => [post.id, post.file]));

function assertValid(schema: z.ZodType, data: unknown, what: string): void {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ImportError(`the converted ${what} does not pass the content schema: ${issues}`);
  }
}

async function planPost(
  tree: ReturnType<typeof parseMarkdown>,
  fields: Record<string, unknown>,
  bodyLine: number,
  options: ImportOptions,
  findings: Finding[],
) {
  // The title is the page's H1: an H1 that repeats it leaves the body.
  const firstH1 = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
  const h1Title = firstH1 >= 0 ? plainText(tree.children[firstH1] as never) : undefined;
  const firstParagraph = tree.children.find((n) => n.type === 'paragraph');
  const mapped = mapPostFields(
    fields,
    {
      h1Title,
      firstParagraph: firstParagraph ? plainText(firstParagraph) : undefined,
      series: options.series,
      defaultAuthor: options.defaultAuthor,
      today: options.today,
    },
    findings,
  );
  if (firstH1 >= 0 && h1Title === mapped.frontmatter['title']) {
    tree.children.splice(firstH1, 1);
    findings.push({ kind: 'changed', message: 'removed the H1 heading that repeats the title' });
  }
  relevelHeadings(tree, findings);
  emptySections(tree, bodyLine, findings);
  assertValid(postSchema, mapped.frontmatter, 'front matter');
  const body = toMarkdown(tree, 'mdx');
  await assertCompilesAsMdx(body);

  const id = postFileId(mapped.frontmatter);
  const clash = existingPostIds(options.root).get(id);
  if (clash)
    throw new ImportError(
      `a post with the id "${id}" already exists (${clash}); nothing was overwritten — rename it with a \`slug\` field or remove the old file`,
    );
  const path = `content/posts/${id}.mdx`;
  return { files: [{ path, content: `${frontmatter(mapped.frontmatter)}\n${body}` }], mapped: mapped.mapped, dropped: mapped.dropped };
}

function planQa(
  tree: ReturnType<typeof parseMarkdown>,
  fields: Record<string, unknown>,
  bodyLine: number,
  options: ImportOptions,
  findings: Finding[],
) {
  const posts = existingPostIds(options.root);
  const known = [...posts.keys()].sort().join(', ') || '(none)';
  if (!options.post) throw new ImportError(`a Q&A set belongs to a post: pass --post <post-id> (posts: ${known})`);
  if (!posts.has(options.post)) throw new ImportError(`--post ${options.post}: there is no such post (posts: ${known})`);
  const schema = makeQaSchema(z.string());
  const set = splitQa(tree, bodyLine, findings);
  const files: PlannedFile[] = [];
  const counts: string[] = [];
  const entries: Array<[QaKind, Record<string, unknown>, string]> = [];
  if (set.preview?.questions.length) entries.push(['preview', { questions: set.preview.questions }, '']);
  if (set.explanation && set.explanation.body.trim()) entries.push(['explanation', {}, set.explanation.body]);
  else if (set.explanation) findings.push({ kind: 'review', message: 'the explanation section is empty and was not written' });
  if (set.keypoints?.points.length) entries.push(['keypoints', { points: set.keypoints.points }, '']);
  if (set.review?.pairs.length) entries.push(['review', { pairs: set.review.pairs }, '']);
  if (entries.length === 0)
    throw new ImportError('no Q&A section with content: expected headings such as Preview, Explain, Key points, Review');
  for (const [kind, data, body] of entries) {
    const entry = { post: options.post, kind, ...data };
    assertValid(schema, entry, `${kind} entry`);
    const path = `content/qa/${options.post}/${kind}.md`;
    if (existsSync(join(options.root, path)))
      throw new ImportError(`${path} already exists; nothing was overwritten — remove it first to replace it`);
    files.push({ path, content: `${frontmatter(entry)}${body ? `\n${body}` : ''}` });
    const n = (data['questions'] ?? data['points'] ?? data['pairs']) as unknown[] | undefined;
    counts.push(n ? `${kind}: ${n.length}` : kind);
  }
  const dropped = Object.keys(fields);
  return { files, mapped: [`Q&A kinds ← sections (${counts.join(', ')}) for post ${options.post}`], dropped };
}

/** Reads and converts one file; throws ImportError (with a source line where known) if it cannot. */
export async function planImport(sourcePath: string, options: ImportOptions): Promise<ImportPlan> {
  let source: string;
  try {
    source = readFileSync(sourcePath, 'utf8');
  } catch (error) {
    throw new ImportError(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (source.includes('\u0000')) throw new ImportError('this is not a text file (it contains NUL bytes)');
  const header = parseHeader(source);
  const findings: Finding[] = [];
  const probe = parseMarkdown(header.body);
  const as = options.as === 'auto' ? (looksLikeQa(probe) ? 'qa' : 'post') : options.as;
  const cleaned = cleanText(header.body, header.bodyLine, as === 'post');
  findings.push(...cleaned.findings);
  const tree = parseMarkdown(cleaned.text);
  neutraliseHtml(tree, header.bodyLine, findings);
  const fields = { ...header.fields };
  const planned =
    as === 'post'
      ? await planPost(tree, fields, header.bodyLine, options, findings)
      : planQa(tree, fields, header.bodyLine, options, findings);
  return { source: sourcePath, format: header.format, as, ...planned, findings };
}
