/**
 * Documentation read from the source at build, for the writer's guide (src/pages/guide.astro):
 * each component's description and props (its frontmatter's doc comment and `interface Props`,
 * with their JSDoc) and the frontmatter fields of posts and Q&A (the JSDoc lines on the Zod
 * schemas in src/lib/schemas.ts). The guide shows what the code says, so it cannot drift;
 * tests/unit/site/guide.test.ts checks that every component a post may use is in it.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';

export interface PropDoc {
  name: string;
  /** The declared type, as written. */
  type: string;
  optional: boolean;
  doc: string;
}

export interface ComponentDoc {
  /** Component name (the file name without `.astro`). */
  name: string;
  /** Path relative to the repository, e.g. `src/components/Cite.astro`. */
  file: string;
  /** The first paragraph of the frontmatter's leading doc comment. */
  summary: string;
  /** Props a writer sets; props the build injects ("Set by the remark plugin") are left out. */
  props: PropDoc[];
}

const repo = () => process.env['MINIMAX_REPO_ROOT'] ?? process.cwd();

/** The text of a JSDoc block without its stars, paragraphs kept. */
function jsdocText(node: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return docs
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .trim();
}

function leadingDocComment(source: string): string {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match?.[1]) return '';
  return match[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** Props and description of one `.astro` component (`file` relative to the repository). */
export function componentDoc(file: string): ComponentDoc {
  const text = readFileSync(join(repo(), file), 'utf8');
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const source = ts.createSourceFile(file, frontmatter, ts.ScriptTarget.Latest, true);
  const props: PropDoc[] = [];
  source.forEachChild((node) => {
    if (!(ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) || node.name.text !== 'Props') return;
    const members = ts.isInterfaceDeclaration(node) ? node.members : ts.isTypeLiteralNode(node.type) ? node.type.members : [];
    for (const member of members) {
      if (!ts.isPropertySignature(member)) continue;
      const doc = jsdocText(member);
      if (/^Set by the (remark plugin|build)/i.test(doc)) continue;
      props.push({
        name: member.name.getText(source),
        type: member.type?.getText(source) ?? 'unknown',
        optional: !!member.questionToken,
        doc,
      });
    }
  });
  const summary =
    leadingDocComment(frontmatter)
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ') ?? '';
  return { name: basename(file, '.astro'), file, summary, props };
}

export interface FieldDoc {
  name: string;
  optional: boolean;
  doc: string;
}

/** The properties of the first `z.strictObject({...})` / `z.object({...})` found under `node`. */
function objectFields(node: ts.Node, source: ts.SourceFile): FieldDoc[] {
  let found: FieldDoc[] | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && /\.(strictObject|object|looseObject)$/.test(n.expression.getText(source))) {
      const literal = n.arguments[0];
      if (literal && ts.isObjectLiteralExpression(literal)) {
        found = literal.properties.flatMap((p) => {
          if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return [];
          const init = ts.isPropertyAssignment(p) ? p.initializer.getText(source) : '';
          return [{ name: p.name.getText(source), optional: /\.(optional|default)\(/.test(init), doc: jsdocText(p) }];
        });
        return;
      }
    }
    n.forEachChild(visit);
  };
  visit(node);
  return found ?? [];
}

/** Frontmatter fields of a post, from `postSchema` in src/lib/schemas.ts. */
export function postFieldDocs(file = 'src/lib/schemas.ts'): FieldDoc[] {
  const source = ts.createSourceFile(file, readFileSync(join(repo(), file), 'utf8'), ts.ScriptTarget.Latest, true);
  let fields: FieldDoc[] = [];
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const declaration of node.declarationList.declarations) {
      if (declaration.name.getText(source) === 'postSchema' && declaration.initializer)
        fields = objectFields(declaration.initializer, source);
    }
  });
  return fields;
}

export interface QaKindDoc {
  kind: string;
  doc: string;
  fields: FieldDoc[];
}

/** Q&A fields: those every kind has (`common`) and each kind's own, from `makeQaSchema`. */
export function qaFieldDocs(file = 'src/lib/schemas.ts'): { common: FieldDoc[]; kinds: QaKindDoc[] } {
  const source = ts.createSourceFile(file, readFileSync(join(repo(), file), 'utf8'), ts.ScriptTarget.Latest, true);
  let common: FieldDoc[] = [];
  const kinds: QaKindDoc[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText(source) === 'common' &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      common = node.initializer.properties.filter(ts.isPropertyAssignment).map((p) => ({
        name: p.name.getText(source),
        optional: /\.(optional|default)\(/.test(p.initializer.getText(source)),
        doc: jsdocText(p),
      }));
    }
    if (ts.isCallExpression(node) && node.expression.getText(source).endsWith('.strictObject')) {
      const fields = objectFields(node, source).filter((f) => f.name !== '...common');
      const kindField = fields.find((f) => f.name === 'kind');
      const literal = /z\.literal\('([a-z]+)'\)/.exec(node.getText(source))?.[1];
      if (kindField && literal) {
        kinds.push({ kind: literal, doc: kindField.doc, fields: fields.filter((f) => f.name !== 'kind') });
        return;
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return { common, kinds };
}
