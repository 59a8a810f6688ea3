/**
 * Frontmatter schemas, one per concern. They live outside `src/content.config.ts` so
 * unit tests can validate fixtures without the `astro:content` runtime; the config
 * wires them up with `reference('posts')`.
 */
import { z } from 'astro/zod';

/** Lower-case words joined by dashes, optionally nested with `/` (`series/part-one`). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

export const postSchema = z
  .strictObject({
    /** Headline shown on the page, in lists, in RSS and as `og:title`. */
    title: z.string().trim().min(1).max(120),
    /** One or two sentences for lists, `<meta name="description">`, RSS and Open Graph. */
    description: z.string().trim().min(1).max(300),
    /** First publication date (YAML date or ISO string). */
    date: z.coerce.date(),
    /** Date of the last substantive revision; must not be before `date`. */
    updated: z.coerce.date().optional(),
    /** Topics used for tag pages; at least one, each a non-empty phrase. */
    tags: z.array(z.string().trim().min(1).max(40)).min(1),
    /** Who wrote the post, as displayed in the byline. */
    author: z.string().trim().min(1),
    /** Drafts render in `astro dev` but are left out of production builds, RSS and the sitemap. */
    draft: z.boolean().default(false),
    /** URL slug override (`/posts/<slug>/`); the file path is used when absent. */
    slug: z.string().regex(SLUG, 'use lower-case words joined by dashes').optional(),
    /** Name of the series this post belongs to, if any. */
    series: z.string().trim().min(1).optional(),
    /** 1-based position within `series`; requires `series`. */
    order: z.number().int().positive().optional(),
  })
  .superRefine((post, ctx) => {
    if (post.updated && post.updated < post.date) {
      ctx.addIssue({ code: 'custom', path: ['updated'], message: '`updated` is before `date`' });
    }
    if (post.order !== undefined && post.series === undefined) {
      ctx.addIssue({ code: 'custom', path: ['order'], message: '`order` needs a `series`' });
    }
  });

export type PostData = z.output<typeof postSchema>;

/** The four kinds of Q&A material that belong to one article, in reading order. */
export const QA_KINDS = ['preview', 'explanation', 'keypoints', 'review'] as const;
export type QaKind = (typeof QA_KINDS)[number];

/**
 * Q&A schema: one entry per (article, kind), discriminated by `kind`. `postRef` is
 * `reference('posts')` in the site and a plain string schema in unit tests.
 * Strings in lists may contain inline TeX between `$…$`; it is rendered at build.
 */
export function makeQaSchema<Ref extends z.ZodType>(postRef: Ref) {
  const common = {
    /** The article this material belongs to (its post id). */
    post: postRef,
    /** Optional heading; each kind has a sensible default. */
    title: z.string().trim().min(1).optional(),
  };
  return z.discriminatedUnion('kind', [
    z.strictObject({
      ...common,
      /** Questions to keep in mind before reading. */
      kind: z.literal('preview'),
      /** The preview questions, in order. */
      questions: z.array(z.string().trim().min(1)).min(1),
    }),
    z.strictObject({
      ...common,
      /** A prose explanation with a worked example, written in the entry's Markdown body. */
      kind: z.literal('explanation'),
    }),
    z.strictObject({
      ...common,
      /** The points to remember. */
      kind: z.literal('keypoints'),
      /** The key points, in order. */
      points: z.array(z.string().trim().min(1)).min(1),
    }),
    z.strictObject({
      ...common,
      /** Self-test questions with answers. */
      kind: z.literal('review'),
      /** Question and answer pairs. */
      pairs: z
        .array(
          z.strictObject({
            /** The question. */
            question: z.string().trim().min(1),
            /** The answer, revealed on demand. */
            answer: z.string().trim().min(1),
          }),
        )
        .min(1),
    }),
  ]);
}
