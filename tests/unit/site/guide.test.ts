/**
 * The writer's guide cannot drift from the code: every component file is either in the guide
 * (with a live example that uses it) or listed as not for posts, and the docs the guide shows
 * are read from the components' and the schema's own comments.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { componentDoc, postFieldDocs, qaFieldDocs } from '../../../src/lib/component-docs.ts';
import { GUIDE_COMPONENTS, NOT_FOR_POSTS } from '../../../src/lib/guide-components.ts';
import { postSchema, QA_KINDS } from '../../../src/lib/schemas.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const componentFiles = ['src/components', 'src/islands'].flatMap((dir) =>
  readdirSync(`${repo}${dir}`)
    .filter((name) => name.endsWith('.astro'))
    .map((name) => `${dir}/${name}`),
);

describe('writer’s guide coverage', () => {
  it('lists every component file, in the guide or as not for posts', () => {
    const listed = new Set([...GUIDE_COMPONENTS.map((c) => c.file), ...Object.keys(NOT_FOR_POSTS)]);
    expect(componentFiles.filter((file) => !listed.has(file))).toEqual([]);
    expect([...listed].filter((file) => !existsSync(`${repo}${file}`))).toEqual([]);
  });

  it('has a live example for every component in the guide, using that component', () => {
    for (const { name, example } of GUIDE_COMPONENTS) {
      const file = `${repo}content/guide/examples/${example ?? name}.mdx`;
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8'), file).toMatch(new RegExp(`<${name}[\\s/>]`));
    }
  });

  it('documents every prop a writer sets, with its doc comment', () => {
    for (const { file } of GUIDE_COMPONENTS) {
      const doc = componentDoc(file);
      expect(doc.summary, `${file}: leading doc comment`).not.toBe('');
      for (const prop of doc.props) expect(prop.doc, `${file}: prop ${prop.name}`).not.toBe('');
    }
    // Props the remark plugin sets are not the writer's business.
    expect(componentDoc('src/components/Cite.astro').props.map((p) => p.name)).toEqual(['id', 'loc']);
  });
});

describe('frontmatter docs from the schema', () => {
  it('has every post field with its JSDoc line and whether it is required', () => {
    const fields = postFieldDocs();
    expect(fields.map((f) => f.name).sort()).toEqual(Object.keys(postSchema.shape).sort());
    for (const field of fields) expect(field.doc, field.name).not.toBe('');
    expect(fields.find((f) => f.name === 'title')?.optional).toBe(false);
    expect(fields.find((f) => f.name === 'draft')?.optional).toBe(true);
  });

  it('has every Q&A kind', () => {
    const { common, kinds } = qaFieldDocs();
    expect(common.map((f) => f.name)).toEqual(['post', 'title']);
    expect(kinds.map((k) => k.kind)).toEqual([...QA_KINDS]);
    expect(kinds.find((k) => k.kind === 'review')?.fields.map((f) => f.name)).toEqual(['pairs']);
  });
});
