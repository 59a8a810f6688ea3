import { RuntimeError } from './errors';
import { fetchWithProgress } from './progress-fetch';
import { verifyFile } from './integrity';

/** The fields of card.json (artifact contract in models/README.md) the runtime relies on. */
export interface ModelCard {
  name: string;
  kind: 'generator' | 'classifier' | 'discriminator';
  /** e.g. "[N,1] logit" for a discriminator without a final sigmoid */
  output?: string;
  latentDim: number;
  prior: 'normal';
  conditional: boolean;
  numClasses: number;
  /** filename -> lower-case hex SHA-256, for model.json and every weight shard */
  files: Record<string, string>;
  /** model.json + shards, used as the progress bar's total */
  bytes?: number;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
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

export function parseCard(value: unknown, url: string): ModelCard {
  const card = value as Partial<ModelCard> | null;
  if (!card || typeof card !== 'object' || typeof card.files !== 'object' || card.files === null) {
    throw new RuntimeError('format', `The model card at ${url} has no files list.`);
  }
  if ((card.kind ?? 'generator') === 'generator' && typeof card.latentDim !== 'number') {
    throw new RuntimeError('format', `The model card at ${url} is missing latentDim.`);
  }
  return card as ModelCard;
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

  const weightData = new Uint8Array(received);
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  return { card, modelTopology: modelJson.modelTopology, weightSpecs, weightData: weightData.buffer };
}
