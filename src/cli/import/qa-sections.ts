/**
 * Splits a page laid out as Preview / Explanation / Key points / Review sections
 * into the site's four Q&A kinds (see `makeQaSchema` in src/lib/schemas.ts).
 * Questions are list items or numbered paragraphs; a review answer is the
 * paragraph that starts with "Answer:" (or "A:") after its question.
 */
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { QaKind } from '../../lib/schemas.ts';
import type { Finding } from './clean-text.ts';
import { lineOf, plainText, toMarkdown } from './markdown.ts';

/** The usual headings for each kind ("Explain", "Keypoint", "Key points", …). */
const SECTION_NAMES: ReadonlyArray<readonly [QaKind, RegExp]> = [
  ['preview', /^(?:preview(?: questions)?)$/i],
  ['explanation', /^(?:explain|explanation|explained)$/i],
  ['keypoints', /^(?:key ?points?|takeaways?)$/i],
  ['review', /^(?:review(?: questions)?|self[- ]test|quiz)$/i],
];

/** The kind a heading names, ignoring numbering, emoji and trailing colons. */
export function sectionKind(heading: string): QaKind | undefined {
  const name = heading
    .replace(/^[^A-Za-z]+/, '')
    .replace(/[:.\s]+$/, '')
    .trim();
  return SECTION_NAMES.find(([, pattern]) => pattern.test(name))?.[0];
}

export interface QaSet {
  readonly preview?: { questions: string[] };
  readonly explanation?: { body: string };
  readonly keypoints?: { points: string[] };
  readonly review?: { pairs: { question: string; answer: string }[] };
}

/** Top-level nodes grouped by the Q&A heading they follow; other content before the first is ignored. */
function groupSections(tree: Root, firstLine: number, findings: Finding[]): Map<QaKind, RootContent[]> {
  const groups = new Map<QaKind, RootContent[]>();
  let current: RootContent[] | undefined;
  let depth = 0;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const kind = sectionKind(plainText(node));
      if (kind) {
        if (groups.has(kind))
          findings.push({
            kind: 'review',
            message: `a second "${plainText(node)}" section was merged into the first`,
            ...lineOf(node, firstLine),
          });
        current = groups.get(kind) ?? [];
        groups.set(kind, current);
        depth = node.depth;
        continue;
      }
      if (current && node.depth <= depth) current = undefined;
    }
    current?.push(node);
  }
  return groups;
}

const inline = (nodes: RootContent[]) => toMarkdown({ type: 'root', children: nodes }, 'md').trim();

/** Blocks of a section, with list items opened up into their paragraphs. */
function blocks(nodes: RootContent[]): { node: RootContent; startsItem: boolean }[] {
  return nodes.flatMap((node) =>
    node.type === 'list'
      ? (node as List).children.flatMap((item: ListItem) =>
          item.children.map((child, i) => ({ node: child as RootContent, startsItem: i === 0 })),
        )
      : [{ node, startsItem: false }],
  );
}

/** "1. What is…?" written as a paragraph rather than a list. */
const NUMBERED = /^\s*(?:\d+[.)]|Q\d*[.:)]|Question\s*\d*[.:)])\s*/i;
const ANSWER = /^\s*(?:\*\*)?(?:answer|a)\s*[:：]\s*(?:\*\*)?\s*/i;

function stripPrefix(paragraph: Paragraph, prefix: RegExp): Paragraph {
  const copy = structuredClone(paragraph);
  // Bold labels (**Answer:**) are a strong node followed by the text.
  const first = copy.children[0];
  if (first?.type === 'strong' && prefix.test(plainText(first))) copy.children.shift();
  const lead = copy.children[0];
  if (lead?.type === 'text') lead.value = lead.value.replace(prefix, '');
  return copy;
}

function items(nodes: RootContent[]): string[] {
  return blocks(nodes)
    .filter(({ node }) => node.type === 'paragraph')
    .map(({ node }) => inline([stripPrefix(node as Paragraph, NUMBERED)]))
    .filter(Boolean);
}

function pairs(nodes: RootContent[], firstLine: number, findings: Finding[]): { question: string; answer: string }[] {
  const out: { question: RootContent[]; answer: RootContent[] }[] = [];
  for (const { node, startsItem } of blocks(nodes)) {
    const text = plainText(node);
    const last = out.at(-1);
    if (node.type === 'paragraph' && ANSWER.test(text)) {
      if (!last) {
        findings.push({ kind: 'review', message: 'an answer with no question before it was dropped', ...lineOf(node, firstLine) });
        continue;
      }
      last.answer.push(stripPrefix(node, ANSWER));
    } else if (!last || last.answer.length > 0 || startsItem || NUMBERED.test(text)) {
      out.push({ question: [node.type === 'paragraph' ? stripPrefix(node, NUMBERED) : node], answer: [] });
    } else {
      last.question.push(node);
    }
  }
  return out.flatMap(({ question, answer }) => {
    const q = inline(question);
    if (answer.length === 0) {
      findings.push({ kind: 'review', message: `the review question "${q.slice(0, 60)}" has no "Answer:" paragraph and was left out` });
      return [];
    }
    return [{ question: q, answer: inline(answer) }];
  });
}

/** The Q&A kinds found in `tree`; each kind absent from the page is reported. */
export function splitQa(tree: Root, firstLine: number, findings: Finding[]): QaSet {
  const groups = groupSections(tree, firstLine, findings);
  const set: { -readonly [K in keyof QaSet]: QaSet[K] } = {};
  const preview = groups.get('preview');
  if (preview) set.preview = { questions: items(preview) };
  const explanation = groups.get('explanation');
  if (explanation) set.explanation = { body: toMarkdown({ type: 'root', children: explanation }, 'md') };
  const keypoints = groups.get('keypoints');
  if (keypoints) set.keypoints = { points: items(keypoints) };
  const review = groups.get('review');
  if (review) set.review = { pairs: pairs(review, firstLine, findings) };
  for (const [kind] of SECTION_NAMES) {
    if (!groups.has(kind)) findings.push({ kind: 'review', message: `no ${kind} section found` });
  }
  return set;
}

/** Whether a page looks like a Q&A set (two or more of the four section headings). */
export function looksLikeQa(tree: Root): boolean {
  const kinds = new Set(tree.children.flatMap((n) => (n.type === 'heading' ? [sectionKind(plainText(n))] : [])).filter(Boolean));
  return kinds.size >= 2;
}
