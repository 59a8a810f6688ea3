/**
 * `npx tsx models/artifact/compress.node.ts measure <name> [--ranks 32,64,96,128] [--quantizations float16,uint8] [--samples 10000] [--json FILE]`
 * `npx tsx models/artifact/compress.node.ts write <name> [--rank R] [--quantization uint8] [--candidates FILE] [--out DIR]`
 * `npx tsx models/artifact/compress.node.ts timeline <name> [--rank R] [--quantization uint8]`
 *
 * Makes a committed generator artifact smaller without retraining (its training checkpoints
 * are not committed): a truncated SVD of the first dense layer ("project", low-rank.node.ts)
 * and/or 8-bit affine weights through the weights manifest (quantize.ts). `measure` tries
 * each rank × storage on the same seeded latents and reports bytes, the output difference from
 * the committed model and the Fréchet distance (classifier features) beside the committed
 * model's; `write` replaces the artifact (card through the schema, `compression` records the
 * source's SHA-256s, metrics and the measured candidates; `npm run eval` then re-measures);
 * `timeline` does the same to every timeline snapshot.
 *
 * The reference is the committed artifact as stock TF.js decodes it (float16 today: within
 * 0.005 of the float32 weights on every pixel, its card's quantization block).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type * as tfl from '@tensorflow/tfjs-layers';
import { readGeneratorCard, writeCard, writeCardDescription } from './card.node.ts';
import type { GeneratorCard } from './card-schema.ts';
import { loadLayersModelFromDir, type WeightQuantization } from './layers-io.node.ts';
import { factoriseGenerator, FACTOR_LAYER, PROJECT_LAYER } from './low-rank.node.ts';
import { isMainModule, repoRoot, runCli, UsageError } from '../cli.node.ts';
import { loadMnist } from '../data/mnist.node.ts';
import { FEATURE_DIM } from '../classifier/model.ts';
import { frechetDistance, gaussianStats, type GaussianStats } from '../eval/frechet.ts';
import { agreement, classCounts, classHistogram, proportionalLabels } from '../eval/histogram.ts';
import { classify, generateSamples } from '../eval/sampling.ts';
import { cardMarkdown, describeQuantization, exportGenerator, outputDifference } from '../export.node.ts';
import { describeArchitecture, type ConvGanConfig } from '../gan/architectures.ts';
import { getPreset } from '../gan/presets.ts';
import { useBackend } from '../tfjs-node/backend.node.ts';

const USAGE = `usage: npx tsx models/artifact/compress.node.ts measure|write|timeline <name> [--rank R] [--ranks 32,64] [--quantization uint8|float16] [--quantizations float16,uint8] [--samples 10000] [--json FILE] [--candidates FILE] [--out DIR]`;

/** One measured rank × storage. */
export interface Candidate {
  /** rank of the factorised "project" kernel; null = unfactorised */
  rank: number | null;
  quantization: WeightQuantization;
  params: number;
  bytes: number;
  /** output difference from the committed model on 256 fixed latents ([-1, 1] scale) */
  maxAbsPixelError: number;
  meanAbsPixelError: number;
  /** Fréchet distance of classifier features to the test set, same seeded latents as the committed model's */
  frechet: number;
  /** frechet / the committed model's − 1 */
  frechetChange: number;
  /** largest change of a digit's share of samples (absolute) */
  histogramMaxChange: number;
  /** conditional models: classifier agreement with the requested digit */
  agreement?: number;
  /** share of ‖W‖²_F the factors keep (factorised candidates) */
  retainedEnergy?: number;
}

/** The committed artifact, the architecture that rebuilds it, and where it lives. */
export async function loadSource(name: string, dir = path.join(repoRoot(), 'models', name, 'artifact')) {
  const card = readGeneratorCard(dir);
  const preset = getPreset(name);
  const arch: ConvGanConfig = {
    ...preset.architecture,
    ...(card.latentCode?.offsets === undefined ? {} : { codeOffsets: card.latentCode.offsets }),
    ...(card.latentCode?.offsetsPerClass === undefined ? {} : { subClusterOffsets: card.latentCode.offsetsPerClass }),
  };
  if (arch.latentDim !== card.latentDim)
    throw new Error(`${dir}/card.json: latentDim ${card.latentDim}, but preset ${name} has ${arch.latentDim}`);
  if (card.compression !== undefined) throw new UsageError(`${dir} is already compressed (card.compression); compress its source instead`);
  const model = await loadLayersModelFromDir(dir);
  return { dir, card, arch, model };
}

/** The model a candidate ships, before storage: the source itself, or its rank-r factorisation. */
function candidateModel(source: tfl.LayersModel, arch: ConvGanConfig, rank: number | null) {
  if (rank === null) return { model: source, arch, retainedEnergy: undefined };
  const { model, svd } = factoriseGenerator(source, arch, rank);
  return { model, arch: { ...arch, projectRank: rank }, retainedEnergy: svd.retainedEnergy };
}

interface Scorer {
  score(model: tfl.LayersModel): Promise<{ frechet: number; histogram: number[]; agreement?: number }>;
}

/** Fréchet distance, histogram and agreement of `samples` seeded samples, as `npm run eval` measures them. */
async function makeScorer(card: GeneratorCard, samples: number): Promise<Scorer> {
  const classifier = await loadLayersModelFromDir(path.join(repoRoot(), 'models', 'classifier', 'artifact'));
  const test = loadMnist('test');
  const testStats: GaussianStats = gaussianStats((await classify(classifier, test.images, test.count)).features, FEATURE_DIM);
  const labels = card.conditional ? proportionalLabels(samples, classCounts(loadMnist('train').labels, card.numClasses)) : undefined;
  return {
    async score(model) {
      const out = await classify(classifier, await generateSamples(model, card.latentDim, samples, 0, labels), samples);
      return {
        frechet: frechetDistance(gaussianStats(out.features, FEATURE_DIM), testStats),
        histogram: classHistogram(out.predictions),
        ...(labels === undefined ? {} : { agreement: agreement(labels, out.predictions) }),
      };
    },
  };
}

/** Measures every rank × storage against the source; one line per candidate on `log`. */
export async function measureCandidates(
  name: string,
  ranks: (number | null)[],
  storages: WeightQuantization[],
  samples: number,
  log: (s: string) => void,
): Promise<Candidate[]> {
  const source = await loadSource(name);
  const scorer = await makeScorer(source.card, samples);
  const base = await scorer.score(source.model);
  log(
    `${name}: committed model FD ${base.frechet.toFixed(4)}${base.agreement === undefined ? '' : `, agreement ${base.agreement}`} (${samples} samples, seed 0)`,
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), `compress-${name}-`));
  const out: Candidate[] = [];
  try {
    for (const rank of ranks) {
      const c = candidateModel(source.model, source.arch, rank);
      for (const q of storages) {
        const exported = await exportGenerator(c.model, c.arch, tmp, q);
        const shipped = await loadLayersModelFromDir(tmp);
        const diff = await outputDifference(source.model, shipped, source.arch);
        const s = await scorer.score(shipped);
        const cand: Candidate = {
          rank,
          quantization: q,
          params: shipped.countParams(),
          bytes: exported.bytes,
          maxAbsPixelError: round(diff.max, 5),
          meanAbsPixelError: round(diff.mean, 6),
          frechet: round(s.frechet, 4),
          frechetChange: round(s.frechet / base.frechet - 1, 4),
          histogramMaxChange: round(Math.max(...s.histogram.map((h, d) => Math.abs(h - base.histogram[d]!))), 4),
          ...(s.agreement === undefined ? {} : { agreement: s.agreement }),
          ...(c.retainedEnergy === undefined ? {} : { retainedEnergy: round(c.retainedEnergy, 5) }),
        };
        shipped.dispose();
        out.push(cand);
        log(
          `  rank ${String(rank ?? 'full').padEnd(4)} ${q.padEnd(7)} ${String(cand.params).padStart(7)} params ${String(cand.bytes).padStart(8)} B  max|Δ| ${cand.maxAbsPixelError.toFixed(4)} mean|Δ| ${cand.meanAbsPixelError.toFixed(5)}  FD ${cand.frechet.toFixed(3)} (${(100 * cand.frechetChange).toFixed(2)} %)  hist Δ ${cand.histogramMaxChange}${cand.agreement === undefined ? '' : `  agree ${cand.agreement}`}${cand.retainedEnergy === undefined ? '' : `  energy ${cand.retainedEnergy}`}`,
        );
      }
      if (c.model !== source.model) c.model.dispose();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

/**
 * Writes the compressed artifact into `outDir` (default: in place) with its card. Metrics are
 * dropped (new weights): `npm run eval` re-measures them; `compression.sourceMetrics` keeps
 * the committed model's for the 2 % comparison.
 */
export async function writeCompressed(
  name: string,
  rank: number | null,
  q: WeightQuantization,
  opts: { sourceDir?: string; outDir?: string; candidates?: Candidate[] } = {},
): Promise<GeneratorCard> {
  const source = await loadSource(name, opts.sourceDir);
  const c = candidateModel(source.model, source.arch, rank);
  const staging = mkdtempSync(path.join(os.tmpdir(), `compress-out-${name}-`));
  try {
    const exported = await exportGenerator(c.model, c.arch, staging, q);
    const shipped = await loadLayersModelFromDir(staging);
    const total = await outputDifference(source.model, shipped, source.arch);
    const { metrics, compression: _none, ...rest } = source.card;
    const sourceFiles = Object.entries(source.card.files)
      .map(([f, sha]) => `${f} ${sha}`)
      .join(', ');
    const card: GeneratorCard = {
      ...rest,
      files: exported.files,
      bytes: exported.bytes,
      params: shipped.countParams(),
      quantization: describeQuantization(q, exported.error),
      architecture: describeArchitecture(c.arch),
      compression: {
        method:
          rank === null
            ? `re-stored as ${q} (weights-manifest quantization), no other change`
            : `truncated SVD of the dense layer "${PROJECT_LAYER}" (Eckart–Young), stored as two stock Dense layers ("${FACTOR_LAYER}" ${source.card.latentDim + (source.arch.categoricalCode ?? (source.arch.numClasses ?? 0) + (source.arch.subClusters ?? 0))}→${rank}, "${PROJECT_LAYER}" ${rank}→${7 * 7 * 2 * source.arch.baseFilters}), then ${q}`,
        source: `${path.relative(repoRoot(), source.dir)} as committed before compression (${source.card.quantization.dtype}; ${sourceFiles}); no retraining`,
        ...(rank === null ? {} : { rank, layers: [PROJECT_LAYER], retainedEnergy: round(c.retainedEnergy ?? 0, 5) }),
        paramsBefore: source.card.params,
        paramsAfter: shipped.countParams(),
        bytesBefore: source.card.bytes,
        maxAbsPixelError: round(total.max, 5),
        meanAbsPixelError: round(total.mean, 6),
        checkedOn: '256 fixed latents (seed 7), outputs in [-1, 1], against the source as stock TF.js decodes it',
        ...(metrics === undefined
          ? {}
          : {
              sourceMetrics: {
                frechet: metrics.frechet.model,
                frechetRatioToFloor: metrics.frechet.ratioToFloor,
                parzenNats: metrics.parzen.meanNats,
                classHistogram: metrics.classHistogram,
                ...(metrics.agreement === undefined ? {} : { agreement: metrics.agreement.rate }),
                evaluatedAt: metrics.evaluatedAt,
              },
            }),
        ...(opts.candidates === undefined ? {} : { candidates: opts.candidates }),
      },
    };
    shipped.dispose();
    const outDir = opts.outDir ?? source.dir;
    for (const f of readdirSync(outDir)) if (f !== 'card.md') rmSync(path.join(outDir, f), { force: true });
    rmSync(path.join(outDir, 'card.md'), { force: true }); // the old metrics block described other weights
    for (const f of readdirSync(staging)) cpSync(path.join(staging, f), path.join(outDir, f));
    writeCard(outDir, card);
    writeCardDescription(
      outDir,
      `${cardMarkdown(card, c.arch)}\n\nCompressed without retraining: ${card.compression?.method}; largest pixel difference from the source ${round(total.max, 4)}, mean ${round(total.mean, 5)}.`,
    );
    return card;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    if (c.model !== source.model) c.model.dispose();
    source.model.dispose();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: {
      rank: { type: 'string' },
      ranks: { type: 'string', default: 'full,32,64,96,128' },
      quantization: { type: 'string', default: 'uint8' },
      quantizations: { type: 'string', default: 'float16,uint8' },
      samples: { type: 'string', default: '10000' },
      json: { type: 'string' },
      candidates: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [command, name] = positionals;
  if (positionals.length !== 2 || name === undefined || !['measure', 'write', 'timeline'].includes(command ?? ''))
    throw new UsageError('expected a command (measure, write, timeline) and a model name');
  const parseRank = (s: string): number | null => {
    if (s === 'full') return null;
    const r = Number(s);
    if (!Number.isInteger(r) || r < 1) throw new UsageError(`a rank must be a positive integer or "full", got "${s}"`);
    return r;
  };
  const parseStorage = (s: string): WeightQuantization => {
    if (s !== 'float16' && s !== 'uint8' && s !== 'none') throw new UsageError(`storage must be float16, uint8 or none, got "${s}"`);
    return s;
  };
  await useBackend('wasm');
  if (command === 'measure') {
    const candidates = await measureCandidates(
      name,
      values.ranks.split(',').map(parseRank),
      values.quantizations.split(',').map(parseStorage),
      Number(values.samples),
      (s) => console.log(s),
    );
    if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(candidates, null, 2)}\n`);
    return 0;
  }
  const rank = values.rank === undefined ? null : parseRank(values.rank);
  const q = parseStorage(values.quantization);
  if (command === 'write') {
    const candidates = values.candidates === undefined ? undefined : (JSON.parse(readFileSync(values.candidates, 'utf8')) as Candidate[]);
    const card = await writeCompressed(name, rank, q, {
      ...(values.out === undefined ? {} : { outDir: path.resolve(values.out) }),
      ...(candidates === undefined ? {} : { candidates }),
    });
    console.log(
      `compress: ${name} -> ${card.bytes} bytes, ${card.params} params, max pixel difference ${card.compression?.maxAbsPixelError}; now run npm run eval -- ${name}`,
    );
    return 0;
  }
  const timeline = path.join(repoRoot(), 'models', name, 'timeline');
  if (!existsSync(timeline)) throw new UsageError(`${name} has no timeline folder`);
  for (const step of readdirSync(timeline).filter((d) => /^step-\d+$/.test(d))) {
    const dir = path.join(timeline, step);
    const card = await writeCompressed(name, rank, q, { sourceDir: dir, outDir: dir });
    console.log(`compress: ${name} ${step} -> ${card.bytes} bytes, max pixel difference ${card.compression?.maxAbsPixelError}`);
  }
  return 0;
}

if (isMainModule(import.meta.url)) runCli('compress', USAGE, main);
