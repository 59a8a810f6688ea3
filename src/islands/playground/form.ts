/**
 * The full playground's settings form: filled from a state, read back into a state that
 * ./url-state.ts then validates (so the form and the URL share one set of rules).
 */
import type { PlaygroundState } from './url-state.ts';

/** Form field name → config field. */
const FIELDS = {
  target: 'target',
  act: 'activation',
  zdim: 'latentDim',
  prior: 'latentPrior',
  opt: 'optimizer',
  seed: 'seed',
  gl: 'generatorLayers',
  gu: 'generatorUnits',
  dl: 'discriminatorLayers',
  du: 'discriminatorUnits',
  batch: 'batch',
  glr: 'generatorLr',
  dlr: 'discriminatorLr',
  gb1: 'generatorBeta1',
  db1: 'discriminatorBeta1',
  k: 'discriminatorSteps',
  clip: 'clip',
  gp: 'penalty',
} as const;

const field = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;

export function fillForm(form: HTMLFormElement, state: PlaygroundState): void {
  const config = state.config as unknown as Record<string, unknown>;
  for (const [name, key] of Object.entries(FIELDS)) {
    const input = field(form, name);
    if (input) input.value = String(config[key]);
  }
  const runs = field(form, 'runs');
  if (runs) runs.value = state.runs.map((r) => (r.lr === undefined ? r.loss : `${r.loss}@${r.lr}`)).join(',');
}

/**
 * The state the form describes. Values are copied as strings into a state whose numbers the
 * URL parser then checks; `drawn` are the reader's points.
 */
export function readForm(form: HTMLFormElement, state: PlaygroundState, drawn: number[]): PlaygroundState {
  const config = { ...state.config, drawn } as unknown as Record<string, unknown>;
  for (const [name, key] of Object.entries(FIELDS)) {
    const input = field(form, name);
    if (!input) continue;
    const numeric = typeof (state.config as unknown as Record<string, unknown>)[key] === 'number';
    config[key] = numeric ? (input.value.trim() === '' ? Number.NaN : Number(input.value)) : input.value;
  }
  const runsText = field(form, 'runs')?.value ?? '';
  const runs = runsText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [loss, lr] = part.split('@');
      return lr === undefined ? { loss } : { loss, lr: Number(lr) };
    });
  return { preset: state.preset, config: config as unknown as PlaygroundState['config'], runs: runs as PlaygroundState['runs'] };
}
