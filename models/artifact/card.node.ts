/**
 * Model-card files: `card.json` (machine-readable, validated by `card-schema.ts` on every read
 * and write) and `card.md` (a short human summary). The eval tool owns the `metrics` key of
 * card.json and the block between the METRICS markers of card.md; the trainer or exporter owns
 * everything else.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCard, type ClassifierCard, type GeneratorCard, type ModelCard } from './card-schema.ts';
import { sha256OfFile } from './sha256.node.ts';

export const METRICS_START = '<!-- metrics:start (written by `npm run eval`; do not edit) -->';
export const METRICS_END = '<!-- metrics:end -->';

/** Reads and validates `<dir>/card.json`. @throws naming the file and every bad field */
export function readCard(dir: string): ModelCard {
  const file = path.join(dir, 'card.json');
  if (!existsSync(file)) throw new Error(`no model card at ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  return parseCard(json, file);
}

/** `readCard`, for a folder that must hold a generator. */
export function readGeneratorCard(dir: string): GeneratorCard {
  const card = readCard(dir);
  if (card.kind !== 'generator') throw new Error(`${path.join(dir, 'card.json')}: expected a generator card, found kind "${card.kind}"`);
  return card;
}

/** `readCard`, for a folder that must hold the classifier. */
export function readClassifierCard(dir: string): ClassifierCard {
  const card = readCard(dir);
  if (card.kind !== 'classifier') throw new Error(`${path.join(dir, 'card.json')}: expected a classifier card, found kind "${card.kind}"`);
  return card;
}

/** Validates `card` and writes it as `<dir>/card.json` (two-space JSON). @throws before writing a bad card */
export function writeCard(dir: string, card: ModelCard): void {
  const file = path.join(dir, 'card.json');
  const valid = parseCard(card, `the card for ${file}`);
  writeFileSync(file, `${JSON.stringify(valid, null, 2)}\n`);
}

/**
 * Files whose SHA-256 differs from the card's `files` entry (or are missing).
 * @returns human-readable problems; empty when every file matches
 */
export function verifyCardFiles(dir: string, card: Pick<ModelCard, 'files'>): string[] {
  const problems: string[] = [];
  if (Object.keys(card.files).length === 0) problems.push('card lists no files');
  for (const [name, sha] of Object.entries(card.files)) {
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
  const next =
    start >= 0 && end > start
      ? `${old.slice(0, start)}${block}${old.slice(end + METRICS_END.length)}`
      : `${old.trimEnd()}${old.length > 0 ? '\n\n' : ''}${block}\n`;
  writeFileSync(file, next);
}

/** Writes card.md's descriptive part (everything above the metrics block), keeping the block. */
export function writeCardDescription(dir: string, markdown: string): void {
  const file = path.join(dir, 'card.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = old.indexOf(METRICS_START);
  const metrics =
    start >= 0 ? old.slice(start) : `${METRICS_START}\n## Metrics\n\n_Not yet evaluated: run \`npm run eval\`._\n${METRICS_END}\n`;
  writeFileSync(file, `${markdown.trim()}\n\n${metrics}`);
}
