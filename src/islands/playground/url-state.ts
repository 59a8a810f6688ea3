/**
 * The playground's whole configuration as URL hash parameters, so a shared link reproduces the
 * run: `#preset=ring-collapse&seed=7&runs=minimax,non-saturating@0.002`. Only what differs
 * from the preset is written. Parsing never throws: an unknown or out-of-range value falls back
 * to the preset's and is named in `notes`, so the page can say what it ignored.
 */
import { TARGET_NAMES, type TargetName } from '../../../models/gan/toy-data.ts';
import { DEFAULT_PRESET, isToyPresetName, presetConfig, type ToyPresetName } from '../../../models/gan/toy-presets.ts';
import type { LossName } from '../../../models/gan/losses.ts';
import type { RunSpec, ToyConfig } from '../../../models/gan/toy-run.ts';

export const LOSS_NAMES: readonly LossName[] = ['minimax', 'non-saturating', 'least-squares', 'hinge', 'wasserstein', 'wasserstein-gp'];
export const MAX_RUNS = 4;
/** Points of a drawn target kept in the URL. */
export const MAX_DRAWN_POINTS = 300;

export interface PlaygroundState {
  preset: ToyPresetName;
  config: ToyConfig;
  runs: RunSpec[];
}

type NumericKey = {
  [K in keyof ToyConfig]: ToyConfig[K] extends number ? K : never;
}[keyof ToyConfig];

/** URL key, config field, allowed range, and whether it must be an integer. */
const NUMERIC: readonly { key: string; field: NumericKey; min: number; max: number; integer: boolean }[] = [
  { key: 'seed', field: 'seed', min: 0, max: 0xffffffff, integer: true },
  { key: 'gl', field: 'generatorLayers', min: 1, max: 4, integer: true },
  { key: 'gu', field: 'generatorUnits', min: 2, max: 128, integer: true },
  { key: 'dl', field: 'discriminatorLayers', min: 1, max: 4, integer: true },
  { key: 'du', field: 'discriminatorUnits', min: 2, max: 128, integer: true },
  { key: 'batch', field: 'batch', min: 8, max: 512, integer: true },
  { key: 'glr', field: 'generatorLr', min: 1e-6, max: 1, integer: false },
  { key: 'dlr', field: 'discriminatorLr', min: 1e-6, max: 1, integer: false },
  { key: 'gb1', field: 'generatorBeta1', min: 0, max: 0.99, integer: false },
  { key: 'db1', field: 'discriminatorBeta1', min: 0, max: 0.99, integer: false },
  { key: 'k', field: 'discriminatorSteps', min: 1, max: 10, integer: true },
  { key: 'clip', field: 'clip', min: 1e-4, max: 1, integer: false },
  { key: 'gp', field: 'penalty', min: 1e-3, max: 100, integer: false },
  { key: 'snap', field: 'snapshotEvery', min: 10, max: 1000, integer: true },
];

const CHOICES = {
  target: { field: 'target', values: TARGET_NAMES },
  act: { field: 'activation', values: ['relu', 'tanh', 'elu', 'sigmoid'] },
  zdim: { field: 'latentDim', values: ['1', '2'] },
  prior: { field: 'latentPrior', values: ['uniform', 'gaussian'] },
  opt: { field: 'optimizer', values: ['adam', 'sgd'] },
} as const;

function parseRuns(value: string, notes: string[]): RunSpec[] | null {
  const parts = value.split(',').filter((p) => p !== '');
  if (parts.length === 0 || parts.length > MAX_RUNS) {
    notes.push(`runs: give 1 to ${MAX_RUNS} losses, not ${parts.length}`);
    return null;
  }
  const runs: RunSpec[] = [];
  for (const part of parts) {
    const [name, lr] = part.split('@');
    if (!LOSS_NAMES.includes(name as LossName)) {
      notes.push(`runs: unknown loss "${name}" (known: ${LOSS_NAMES.join(', ')})`);
      return null;
    }
    const rate = lr === undefined ? undefined : Number(lr);
    if (rate !== undefined && !(rate > 0 && rate <= 1)) {
      notes.push(`runs: learning rate "${lr}" is not in (0, 1]`);
      return null;
    }
    runs.push(rate === undefined ? { loss: name as LossName } : { loss: name as LossName, lr: rate });
  }
  return runs;
}

function parseDrawn(value: string, notes: string[]): number[] | null {
  const out: number[] = [];
  for (const pair of value.split(';').slice(0, MAX_DRAWN_POINTS)) {
    const [x, y] = pair.split(',').map(Number);
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 3 || Math.abs(y) > 3) {
      notes.push('drawn: points must be "x,y;x,y" with |x|, |y| ≤ 3');
      return null;
    }
    out.push(x, y);
  }
  return out;
}

/** Reads a state from a hash (or query) string; `fallbackPreset` when none is named. */
export function parseState(hash: string, fallbackPreset: ToyPresetName = DEFAULT_PRESET): PlaygroundState & { notes: string[] } {
  const params = new URLSearchParams(hash.replace(/^[#?]/, ''));
  const notes: string[] = [];
  let preset = fallbackPreset;
  const named = params.get('preset');
  if (named !== null) {
    if (isToyPresetName(named)) preset = named;
    else notes.push(`preset: unknown "${named}"`);
  }
  const { config, runs: presetRuns } = presetConfig(preset);
  const mutable = config as unknown as Record<string, unknown>;
  for (const { key, field, min, max, integer } of NUMERIC) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      notes.push(`${key}: "${raw}" is not ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      continue;
    }
    mutable[field] = value;
  }
  for (const [key, { field, values }] of Object.entries(CHOICES)) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (!(values as readonly string[]).includes(raw)) {
      notes.push(`${key}: "${raw}" is not one of ${values.join(', ')}`);
      continue;
    }
    mutable[field] = field === 'latentDim' ? Number(raw) : raw;
  }
  const drawnRaw = params.get('drawn');
  if (drawnRaw !== null) config.drawn = parseDrawn(drawnRaw, notes) ?? [];
  if (config.target === 'drawn' && config.drawn.length === 0) {
    notes.push('target: "drawn" needs points; showing the ring');
    config.target = 'ring' satisfies TargetName;
  }
  const runsRaw = params.get('runs');
  const runs = (runsRaw === null ? null : parseRuns(runsRaw, notes)) ?? presetRuns;
  return { preset, config, runs, notes };
}

const formatRuns = (runs: readonly RunSpec[]) => runs.map((r) => (r.lr === undefined ? r.loss : `${r.loss}@${r.lr}`)).join(',');

/** The hash for a state: the preset plus every field that differs from it. */
export function formatState(state: PlaygroundState): string {
  const { config: base, runs: baseRuns } = presetConfig(state.preset);
  const params = new URLSearchParams({ preset: state.preset });
  const current = state.config as unknown as Record<string, unknown>;
  const reference = base as unknown as Record<string, unknown>;
  for (const [key, { field }] of Object.entries(CHOICES)) if (current[field] !== reference[field]) params.set(key, String(current[field]));
  for (const { key, field } of NUMERIC) if (current[field] !== reference[field]) params.set(key, String(current[field]));
  if (state.config.drawn.length > 0) {
    const pairs: string[] = [];
    for (let i = 0; i + 1 < state.config.drawn.length && pairs.length < MAX_DRAWN_POINTS; i += 2) {
      pairs.push(`${(state.config.drawn[i] ?? 0).toFixed(2)},${(state.config.drawn[i + 1] ?? 0).toFixed(2)}`);
    }
    params.set('drawn', pairs.join(';'));
  }
  if (formatRuns(state.runs) !== formatRuns(baseRuns)) params.set('runs', formatRuns(state.runs));
  return `#${params.toString()}`;
}
