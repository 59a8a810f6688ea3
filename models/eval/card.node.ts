/**
 * Model-card files: `card.json` (machine-readable, the contract's fields) and
 * `card.md` (a short human summary). The eval tool owns the `metrics` key of
 * card.json and the block between the METRICS markers of card.md; everything
 * else in a card belongs to whoever trained the model and is left untouched.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256OfFile } from '../runtime/model-io.node.ts';

export const METRICS_START = '<!-- metrics:start (written by `npm run eval`; do not edit) -->';
export const METRICS_END = '<!-- metrics:end -->';

export type Card = Record<string, unknown> & { files?: Record<string, string> };

export function readCard(dir: string): Card {
  const file = path.join(dir, 'card.json');
  if (!existsSync(file)) throw new Error(`no model card at ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Card;
}

export function writeCardJson(dir: string, card: Card): void {
  writeFileSync(path.join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
}

/**
 * Files whose SHA-256 differs from the card's `files` entry (or are missing).
 * @returns human-readable problems; empty when every file matches
 */
export function verifyCardFiles(dir: string, card: Card): string[] {
  const problems: string[] = [];
  const files = card.files ?? {};
  if (Object.keys(files).length === 0) problems.push('card lists no files');
  for (const [name, sha] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) problems.push(`${name}: missing`);
    else if (sha256OfFile(file) !== sha) problems.push(`${name}: SHA-256 differs from the card`);
  }
  return problems;
}

/** Replaces (or appends) the metrics block of card.md; creates card.md if absent. */
export function writeMetricsSection(dir: string, markdown: string, title = 'Metrics'): void {
  const file = path.join(dir, 'card.md');
  const block = `${METRICS_START}\n## ${title}\n\n${markdown.trim()}\n${METRICS_END}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = old.indexOf(METRICS_START);
  const end = old.indexOf(METRICS_END);
  const next = start >= 0 && end > start
    ? `${old.slice(0, start)}${block}${old.slice(end + METRICS_END.length)}`
    : `${old.trimEnd()}${old.length > 0 ? '\n\n' : ''}${block}\n`;
  writeFileSync(file, next);
}

/** Writes card.md's descriptive part (everything above the metrics block), keeping the block. */
export function writeCardDescription(dir: string, markdown: string): void {
  const file = path.join(dir, 'card.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = old.indexOf(METRICS_START);
  const metrics = start >= 0 ? old.slice(start) : `${METRICS_START}\n## Metrics\n\n_Not yet evaluated: run \`npm run eval\`._\n${METRICS_END}\n`;
  writeFileSync(file, `${markdown.trim()}\n\n${metrics}`);
}
