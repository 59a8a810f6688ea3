/**
 * The playground's default configuration and its presets: each reproduces a known behaviour
 * and says in one sentence what to watch. Pure data, shared by the page, the worker and the
 * Node tests that pin what the presets show.
 */
import type { LossName } from './losses.ts';
import type { RunSpec, ToyConfig } from './toy-run.ts';

export const DEFAULT_CONFIG: ToyConfig = {
  target: 'ring',
  drawn: [],
  seed: 1,
  generatorLayers: 2,
  generatorUnits: 64,
  discriminatorLayers: 2,
  discriminatorUnits: 64,
  activation: 'relu',
  latentDim: 2,
  latentPrior: 'gaussian',
  batch: 128,
  optimizer: 'adam',
  generatorLr: 1e-3,
  discriminatorLr: 1e-3,
  generatorBeta1: 0.5,
  discriminatorBeta1: 0.5,
  discriminatorSteps: 1,
  clip: 0.01,
  penalty: 0.1,
  snapshotEvery: 50,
};

export interface ToyPreset {
  readonly name: string;
  readonly title: string;
  /** one sentence: what to watch */
  readonly watch: string;
  readonly config: Partial<ToyConfig>;
  readonly runs: readonly RunSpec[];
}

const runs = (...losses: LossName[]): RunSpec[] => losses.map((loss) => ({ loss }));

export const TOY_PRESETS = {
  'ring-converge': {
    name: 'ring-converge',
    title: 'Non-saturating loss on the ring of 8',
    watch: 'The generated points spread from one blob to all eight modes; the modes-covered count climbs to 8.',
    config: {},
    runs: runs('non-saturating'),
  },
  'ring-collapse': {
    name: 'ring-collapse',
    title: 'Mode collapse on the ring of 8',
    watch:
      'A discriminator trained five times per generator step, with a ten times larger learning rate, chases the generator from mode to mode: the points jump between a few modes and the count stays low.',
    config: { discriminatorSteps: 5, discriminatorLr: 1e-2, generatorLr: 1e-3 },
    runs: runs('minimax'),
  },
  'ring-saturating': {
    name: 'ring-saturating',
    title: 'Saturating versus non-saturating loss',
    watch:
      'Same seed, same networks, same batches: only the generator loss differs, and the saturating one barely moves while D is confident.',
    config: {},
    runs: runs('minimax', 'non-saturating'),
  },
  'grid-wgan-gp': {
    name: 'grid-wgan-gp',
    title: 'WGAN-GP on the 5x5 grid',
    watch:
      "The critic's gradient field points from every generated point towards the nearest unfilled mode; coverage of the 25 modes grows steadily instead of jumping.",
    config: {
      target: 'grid',
      discriminatorSteps: 5,
      generatorLr: 1e-3,
      discriminatorLr: 1e-3,
      generatorBeta1: 0.5,
      discriminatorBeta1: 0.5,
    },
    runs: runs('wasserstein-gp'),
  },
  'loss-lab': {
    name: 'loss-lab',
    title: 'Four losses side by side on the ring',
    watch:
      'One target, one seed, identically initialised networks: compare how quickly each loss covers the eight modes and how its curves behave.',
    config: {},
    runs: runs('non-saturating', 'least-squares', 'hinge', 'wasserstein-gp'),
  },
} as const satisfies Record<string, ToyPreset>;

export type ToyPresetName = keyof typeof TOY_PRESETS;
export const DEFAULT_PRESET: ToyPresetName = 'ring-converge';

export function isToyPresetName(value: unknown): value is ToyPresetName {
  return typeof value === 'string' && Object.hasOwn(TOY_PRESETS, value);
}

/** A preset's full configuration and runs. */
export function presetConfig(name: ToyPresetName): { config: ToyConfig; runs: RunSpec[] } {
  const preset: ToyPreset = TOY_PRESETS[name];
  return { config: { ...DEFAULT_CONFIG, ...preset.config }, runs: preset.runs.map((r) => ({ ...r })) };
}

/**
 * What the presets show, measured in Node with seed 1 on the WASM backend and pinned by
 * tests/unit/playground/training.test.ts; articles render these instead of typing numbers.
 */
export const TOY_CLAIMS = {
  /** ring-converge covers at least `convergeMinModes` of 8 modes by this step */
  convergeSteps: 1500,
  convergeMinModes: 7,
  /** ring-collapse covers at most `collapseMaxModes` of 8 modes at this step */
  collapseSteps: 1000,
  collapseMaxModes: 3,
  /** saturating / non-saturating gradient ratio on logits of a confident D (about -6): at least */
  logitGradientRatio: 100,
  /** ... and of the generator's field on its samples after 300 D-only steps on the ring: at least */
  fieldRatioAfterDOnly: 10,
} as const;
