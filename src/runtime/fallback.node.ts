/**
 * Build-time static fallbacks: each island's first state rendered to a PNG in Node, from the
 * same artifact, the same seed and the same generation code (./generate.ts) as the live
 * island, so a reader without JavaScript or without a usable backend still sees real samples.
 *
 * Islands call `renderFallback` from their frontmatter; the PNG lands in the fallback cache
 * directory, which the publish-models integration serves in dev and copies into the build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { PNG } from 'pngjs';
import { generateRgba, generateValues, modelFromArtifacts, predictImages } from './generate.ts';
import { parseCard } from '../../models/artifact/card-schema.ts';
import { generatorCard, loadVerifiedArtifacts, type VerifiedArtifacts } from './model-loader.ts';
import type { GenerateRequest } from './protocol.ts';

/** Where models live on disk (set by the publish-models integration; tests point it at fixtures). */
export function modelsDirectory(): string {
  return resolve(process.env['MINIMAX_MODELS_DIR'] ?? 'models');
}

export function fallbackDirectory(): string {
  return resolve(process.env['MINIMAX_FALLBACK_DIR'] ?? 'node_modules/.cache/minimax-islands/fallback');
}

/**
 * Maps a published model path to its folder: "dcgan" -> models/dcgan/artifact,
 * "dcgan/timeline/step-400" -> models/dcgan/timeline/step-400 (the published URL layout, see models/README.md).
 */
export function artifactDirectory(model: string, modelsDir = modelsDirectory()): string {
  return model.includes('/') ? join(modelsDir, model) : join(modelsDir, model, 'artifact');
}

/** fetch() over the artifact folder, so the build verifies SHA-256 with the browser's code path. */
function diskFetch(dir: string): typeof fetch {
  return (async (input: string | URL | Request) => {
    const name = String(input).slice('disk:/'.length);
    const path = join(dir, name);
    if (!existsSync(path)) return new Response(null, { status: 404 });
    return new Response(await readFile(path));
  }) as typeof fetch;
}

const built = new Map<string, Promise<{ layers: tfl.LayersModel; verified: VerifiedArtifacts }>>();

async function loadFromDisk(model: string) {
  let pending = built.get(model);
  if (!pending) {
    pending = (async () => {
      await tf.setBackend('cpu');
      // The build validates each card with the full schema (the page only checks what it relies on).
      const verified = await loadVerifiedArtifacts(
        'disk:/',
        () => {},
        diskFetch(artifactDirectory(model)),
        (value) => parseCard(value, join(artifactDirectory(model), 'card.json')),
      );
      return { layers: await modelFromArtifacts(verified), verified };
    })();
    built.set(model, pending);
  }
  return pending;
}

export interface Fallback {
  /** Path relative to the site base, e.g. "fallback/3f2a….png". */
  path: string;
  width: number;
  height: number;
}

/**
 * @returns the fallback image, or null when the model has not been published yet
 *   (the island then says so in words instead of showing a picture).
 */
export async function renderFallback(request: GenerateRequest): Promise<Fallback | null> {
  const dir = artifactDirectory(request.model);
  if (!existsSync(join(dir, 'card.json'))) return null;
  const card = await readFile(join(dir, 'card.json'));
  // The name changes whenever the weights or the request change, so browsers may cache it forever.
  const key = createHash('sha256').update(card).update(JSON.stringify(request)).digest('hex').slice(0, 16);
  const path = `fallback/${key}.png`;
  const file = join(fallbackDirectory(), `${key}.png`);
  if (existsSync(file)) {
    const png = PNG.sync.read(await readFile(file));
    return { path, width: png.width, height: png.height };
  }
  const { layers, verified } = await loadFromDisk(request.model);
  const { data, width, height } = await generateRgba(layers, generatorCard(verified.card, request.model), request);
  const png = new PNG({ width, height });
  png.data = Buffer.from(data.buffer);
  await mkdir(fallbackDirectory(), { recursive: true });
  await writeFile(file, PNG.sync.write(png, { colorType: 0 }));
  return { path, width, height };
}

/** D(x) in (0, 1): a sigmoid for discriminators whose card says they output a logit. */
export function discriminatorProbability(raw: number, output: string | undefined): number {
  return /logit/i.test(output ?? '') ? 1 / (1 + Math.exp(-raw)) : raw;
}

/** Whether a published discriminator outputs a logit (its card's `output` says so). */
export async function outputsLogit(model: string): Promise<boolean> {
  const file = join(artifactDirectory(model), 'card.json');
  if (!existsSync(file)) return false;
  return /logit/i.test(String((JSON.parse(await readFile(file, 'utf8')) as { output?: string }).output));
}

/** models/<name>/timeline/timeline.json (format in models/README.md): checkpoints and the losses logged while training. */
export interface Timeline {
  steps: number[];
  losses: { step: number; d: number; g: number }[];
}

export async function readTimeline(model: string): Promise<Timeline | null> {
  const file = join(modelsDirectory(), model, 'timeline', 'timeline.json');
  if (!existsSync(file)) return null;
  const timeline = JSON.parse(await readFile(file, 'utf8')) as Timeline;
  // Only checkpoints that were actually committed can be scrubbed to.
  const steps = timeline.steps.filter((step) => existsSync(join(modelsDirectory(), model, 'timeline', `step-${step}`, 'card.json')));
  return { steps, losses: timeline.losses };
}

/**
 * The DigitProbe's first state: one generated digit and what the classifier makes of it.
 * @returns null when either model has not been published yet
 */
export async function renderProbeFallback(
  generator: string,
  classifier: string,
  seed: number,
  discriminator?: string,
): Promise<{ fallback: Fallback; probabilities: number[]; realness: number | null } | null> {
  if (!existsSync(join(artifactDirectory(classifier), 'card.json'))) return null;
  const request = { model: generator, seed, n: 1 };
  const fallback = await renderFallback(request);
  if (!fallback) return null;
  const [gen, cls] = await Promise.all([loadFromDisk(generator), loadFromDisk(classifier)]);
  const image = await generateValues(gen.layers, generatorCard(gen.verified.card, generator), request);
  // Classify what the reader will see: the picture after rounding to 8-bit grey levels.
  const shown = image.map((v) => Math.round((Math.min(1, Math.max(-1, v)) + 1) * 127.5) / 127.5 - 1);
  const probabilities = Array.from(await predictImages(cls.layers, shown, 1));
  let realness: number | null = null;
  if (discriminator && existsSync(join(artifactDirectory(discriminator), 'card.json'))) {
    const d = await loadFromDisk(discriminator);
    realness = discriminatorProbability((await predictImages(d.layers, shown, 1))[0] ?? 0, d.verified.card.output);
  }
  return { fallback, probabilities, realness };
}
