/**
 * `npx tsx models/artifact/recard.node.ts [DIR ...]` (default: every committed card under models/)
 *
 * Rewrites committed cards through the card schema without retraining or re-exporting: the
 * artifact-describing fields are measured again from the files (SHA-256s, bytes, parameters of
 * the loaded model; for the classifier the same builder the trainer uses), everything else is
 * carried over from the old card, migrated from the shapes cards had before the schema (the
 * classifier's `input` string, string `quantization`, array `architecture`, null generator
 * fields). Refuses to touch a folder whose files no longer match the old card's SHA-256s: the
 * weights are never changed here. Prints what changed per card.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { classifierArtifactFields } from '../classifier/train.node.ts';
import { isMainModule, repoRoot, runCli } from '../cli.node.ts';
import { useBackend } from '../tfjs-node/backend.node.ts';
import { verifyCardFiles, writeCard } from './card.node.ts';
import { parseCard, type ModelCard } from './card-schema.ts';
import { loadLayersModelFromDir } from './layers-io.node.ts';
import { sha256OfFile } from './sha256.node.ts';

/** Source paths that moved; card text naming the old one is pointed at the new one. */
const MOVED_PATHS: Record<string, string> = { 'models/runtime/wasm-kernels.ts': 'models/tfjs-node/wasm-kernels.ts' };

type Json = Record<string, unknown>;

function movePaths(text: string): string {
  return Object.entries(MOVED_PATHS).reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** model.json and the shards its manifest names: their SHA-256s and total bytes. */
function measureFiles(dir: string): { files: Record<string, string>; bytes: number } {
  const manifest = (JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] })
    .weightsManifest;
  const names = ['model.json', ...manifest.flatMap((g) => g.paths)];
  const files = Object.fromEntries(names.map((n) => [n, sha256OfFile(path.join(dir, n))]));
  const bytes = names.reduce((s, n) => s + readFileSync(path.join(dir, n)).length, 0);
  return { files, bytes };
}

/** The old card's values in the schema's shapes, with the artifact fields measured from `model`. */
export function migrateCard(old: Json, model: tfl.LayersModel, measured: { files: Record<string, string>; bytes: number }): ModelCard {
  const json = JSON.parse(movePaths(JSON.stringify(old))) as Json;
  if (json['kind'] === 'classifier') {
    const { training, metrics } = json;
    return {
      ...classifierArtifactFields(model, measured),
      training,
      ...(metrics === undefined || Object.keys(metrics as Json).length === 0 ? {} : { metrics }),
    } as ModelCard;
  }
  return { ...json, ...measured, params: model.countParams() } as ModelCard;
}

/** Recards one folder. @returns the top-level fields whose value changed */
export async function recard(dir: string): Promise<string[]> {
  const file = path.join(dir, 'card.json');
  const old = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const stale = verifyCardFiles(dir, { files: (old['files'] ?? {}) as Record<string, string> });
  if (stale.length > 0) throw new Error(`${file}: the artifact no longer matches its card (${stale.join('; ')}); re-export it instead`);
  const model = await loadLayersModelFromDir(dir);
  const card = parseCard(migrateCard(old, model, measureFiles(dir)), file);
  model.dispose();
  writeCard(dir, card);
  const md = path.join(dir, 'card.md');
  if (existsSync(md)) writeFileSync(md, movePaths(readFileSync(md, 'utf8')));
  const next = card as unknown as Json;
  return [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]));
}

/** Every folder under models/ holding a card.json (training runs skipped). */
function committedCardFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'runs')
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return [...(existsSync(path.join(full, 'card.json')) ? [full] : []), ...committedCardFolders(full)];
    });
}

async function main(argv: string[]): Promise<number> {
  await useBackend('cpu');
  const dirs = argv.length > 0 ? argv.map((d) => path.resolve(d)) : committedCardFolders(path.join(repoRoot(), 'models'));
  for (const dir of dirs) {
    const changed = await recard(dir);
    process.stdout.write(
      `recard: ${path.relative(repoRoot(), dir)}: ${changed.length === 0 ? 'unchanged' : `changed ${changed.join(', ')}`}\n`,
    );
  }
  return 0;
}

if (isMainModule(import.meta.url))
  runCli('recard', 'usage: npx tsx models/artifact/recard.node.ts [DIR ...]', () => main(process.argv.slice(2)));
