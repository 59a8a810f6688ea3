/**
 * Bytes of each shipped model (models/<name>/artifact: model.json + weight shards, the files a
 * browser downloads; card.* are not fetched by the islands) beside the float32 size of the same
 * weights (every value in the weights manifest × 4 bytes). Deterministic: no build, no timing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ModelSize {
  name: string;
  /** weight values in the manifest (trainable and not, e.g. batch-norm statistics) */
  values: number;
  /** values × 4: the same weights stored as float32 */
  float32Bytes: number;
  /** model.json + shards on disk */
  bytes: number;
  /** model.json + shards, each gzipped (-9): roughly what a compressing server sends */
  gzipBytes: number;
  /** bytes / float32Bytes */
  ratio: number;
  /** the manifest's quantization dtype, or 'float32' */
  storage: string;
  files: number;
}

interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }[];
}

/** Sizes of the artifact in `dir` (a folder with model.json), or undefined when there is none. */
export function artifactSize(name: string, dir: string): ModelSize | undefined {
  const modelJson = path.join(dir, 'model.json');
  if (!existsSync(modelJson)) return undefined;
  const manifest = (JSON.parse(readFileSync(modelJson, 'utf8')) as { weightsManifest: ManifestGroup[] }).weightsManifest;
  let values = 0;
  const storage = new Set<string>();
  const files = ['model.json'];
  for (const group of manifest) {
    files.push(...group.paths);
    for (const w of group.weights) {
      values += w.shape.reduce((a, b) => a * b, 1);
      storage.add(w.quantization?.dtype ?? w.dtype);
    }
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const data = readFileSync(path.join(dir, file));
    bytes += data.length;
    gzipBytes += gzipSync(data, { level: 9 }).length;
  }
  const float32Bytes = values * 4;
  return {
    name,
    values,
    float32Bytes,
    bytes,
    gzipBytes,
    ratio: bytes / float32Bytes,
    storage: [...storage].join('+'),
    files: files.length,
  };
}

/**
 * Every shipped model under `modelsDir`: each `<name>/artifact`, plus the "watch it learn"
 * timeline snapshots of a model, summed, as `<name>-timeline`.
 */
export function modelSizes(modelsDir: string): ModelSize[] {
  if (!existsSync(modelsDir)) return [];
  const sizes: ModelSize[] = [];
  for (const name of readdirSync(modelsDir).sort()) {
    const artifact = artifactSize(name, path.join(modelsDir, name, 'artifact'));
    if (artifact) sizes.push(artifact);
    const timeline = path.join(modelsDir, name, 'timeline');
    if (!existsSync(timeline) || !statSync(timeline).isDirectory()) continue;
    const steps = readdirSync(timeline).filter((d) => /^step-\d+$/.test(d));
    const parts = steps.map((s) => artifactSize(name, path.join(timeline, s))).filter((s): s is ModelSize => s !== undefined);
    if (parts.length === 0) continue;
    const sum = (key: 'values' | 'float32Bytes' | 'bytes' | 'gzipBytes' | 'files') => parts.reduce((a, p) => a + p[key], 0);
    sizes.push({
      name: `${name}-timeline (${parts.length} snapshots)`,
      values: sum('values'),
      float32Bytes: sum('float32Bytes'),
      bytes: sum('bytes'),
      gzipBytes: sum('gzipBytes'),
      ratio: sum('bytes') / sum('float32Bytes'),
      storage: [...new Set(parts.map((p) => p.storage))].join('+'),
      files: sum('files'),
    });
  }
  return sizes;
}
