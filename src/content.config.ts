/**
 * Content collections. Content lives in the top-level `content/` folder (not
 * `src/content/`) so writers never touch the site code; the glob loader reads it.
 * Field documentation is on the schemas in `src/lib/schemas.ts`.
 */
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { makeQaSchema, postSchema } from './lib/schemas.ts';

/** Articles: `content/posts/**\/*.{md,mdx}`; the id is the `slug` field or the file path. */
const posts = defineCollection({
  loader: glob({ base: './content/posts', pattern: '**/*.{md,mdx}' }),
  schema: postSchema,
});

/** Q&A material: `content/qa/<post-id>/<kind>.{md,mdx}`, one entry per kind. */
const qa = defineCollection({
  loader: glob({ base: './content/qa', pattern: '**/*.{md,mdx}' }),
  schema: makeQaSchema(reference('posts')),
});

export const collections = { posts, qa };
