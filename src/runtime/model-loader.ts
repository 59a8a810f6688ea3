import { RuntimeError } from './errors.ts';
import { fetchWithProgress } from './progress-fetch.ts';
import { verifyFile } from './integrity.ts';
import { concatBytes } from '../../models/artifact/buffers.ts';
import type { GeneratorCard, ModelCard } from '../../models/artifact/card-schema.ts';

export type { GeneratorCard, ModelCard } from '../../models/artifact/card-schema.ts';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number };
}

/** Everything tf.io.fromMemory needs, checked against the card. */
export interface VerifiedArtifacts {
  card: ModelCard;
  modelTopology: object;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export interface LoadProgress {
  loaded: number;
  /** null until the card or manifest says how much is coming */
  total: number | null;
}

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1, bool: 1 };

/** Bytes the shards must add up to, from the manifest; null when a dtype has no fixed width. */
export function expectedWeightBytes(specs: readonly WeightSpec[]): number | null {
  let total = 0;
  for (const spec of specs) {
    const width = BYTES_PER[spec.quantization?.dtype ?? spec.dtype];
    if (width === undefined) return null;
    total += spec.shape.reduce((a, b) => a * b, 1) * width;
  }
  return total;
}

const KINDS: readonly string[] = ['generator', 'classifier', 'discriminator'];

/**
 * The page's check of a downloaded card: what loading and generation rely on. The card's type
 * is the one schema's (models/artifact/card-schema.ts), but the page does not bundle Zod (the
 * schema's validator adds about 94 KB gzipped to the worker, more than a model's download is
 * worth checking for): every committed card is validated against the full schema by the unit
 * tests and by the build (`fallback.node.ts` passes `parseCard` of the schema here), and the
 * bytes are pinned by SHA-256 anyway.
 */
export function checkCard(value: unknown, url: string): ModelCard {
  const card = value as Partial<Record<string, unknown>> | null;
  if (!card || typeof card !== 'object' || typeof card['files'] !== 'object' || card['files'] === null) {
    throw new RuntimeError('format', `The model card at ${url} has no files list.`);
  }
  if (!KINDS.includes(String(card['kind']))) throw new RuntimeError('format', `The model card at ${url} has an unknown kind.`);
  if (card['kind'] === 'generator' && (typeof card['latentDim'] !== 'number' || typeof card['conditional'] !== 'boolean')) {
    throw new RuntimeError('format', `The model card at ${url} is missing latentDim.`);
  }
  return card as unknown as ModelCard;
}

/** The card of a model that must be a generator. @throws RuntimeError('format') otherwise */
export function generatorCard(card: ModelCard, model: string): GeneratorCard {
  if (card.kind !== 'generator') throw new RuntimeError('format', `The model ${model} is a ${card.kind}, not a generator.`);
  return card;
}

const decoder = new TextDecoder();

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new RuntimeError('format', `${what} is not valid JSON (was the download cut short?).`);
  }
}

/**
 * Downloads card.json, model.json and every shard under `baseUrl` (which ends in `/`),
 * reporting bytes as they arrive, and checks each file's SHA-256 against the card.
 * Shards download in parallel; the browser's HTTP cache makes a second page view free.
 */
export async function loadVerifiedArtifacts(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void,
  fetchImpl: typeof fetch = fetch,
  parseCard: (value: unknown, url: string) => ModelCard = checkCard,
): Promise<VerifiedArtifacts> {
  let loaded = 0;
  let total: number | null = null;
  const report = (delta: number) => {
    loaded += delta;
    onProgress({ loaded, total });
  };

  const cardBytes = await fetchWithProgress(`${baseUrl}card.json`, () => {}, fetchImpl);
  const card = parseCard(parseJson(cardBytes, 'The model card'), `${baseUrl}card.json`);
  total = typeof card.bytes === 'number' && card.bytes > 0 ? card.bytes : null;
  onProgress({ loaded, total });

  const modelJsonBytes = await fetchWithProgress(`${baseUrl}model.json`, report, fetchImpl);
  await verifyFile('model.json', modelJsonBytes, card.files);
  const modelJson = parseJson(modelJsonBytes, 'model.json') as {
    modelTopology?: object;
    weightsManifest?: { paths: string[]; weights: WeightSpec[] }[];
  };
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new RuntimeError('format', 'model.json is not a TF.js layers model (no modelTopology or weightsManifest).');
  }
  const paths = modelJson.weightsManifest.flatMap((group) => group.paths);
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const expected = expectedWeightBytes(weightSpecs);
  if (total === null && expected !== null) {
    total = modelJsonBytes.byteLength + expected;
    onProgress({ loaded, total });
  }

  const shards = await Promise.all(paths.map((path) => fetchWithProgress(`${baseUrl}${path}`, report, fetchImpl)));
  const received = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
  if (expected !== null && received !== expected) {
    throw new RuntimeError(
      'truncated',
      `The model weights are ${received < expected ? 'truncated' : 'too long'}: received ${received} of ${expected} bytes.`,
    );
  }
  await Promise.all(shards.map((shard, i) => verifyFile(paths[i] ?? '', shard, card.files)));

  return { card, modelTopology: modelJson.modelTopology, weightSpecs, weightData: concatBytes(shards) };
}
