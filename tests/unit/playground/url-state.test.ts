/** The playground's URL state: round trips, and bad parameters fall back with a note. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, presetConfig, TOY_PRESETS } from '../../../models/gan/toy-presets.ts';
import { formatState, parseState } from '../../../src/islands/playground/url-state.ts';

describe('playground URL state', () => {
  it('an empty hash is the default preset with no notes', () => {
    const state = parseState('');
    expect(state.preset).toBe('ring-converge');
    expect(state.config).toEqual(DEFAULT_CONFIG);
    expect(state.notes).toEqual([]);
  });

  it('round-trips every field that differs from the preset', () => {
    const { config, runs } = presetConfig('ring-collapse');
    const state = {
      preset: 'ring-collapse' as const,
      config: {
        ...config,
        target: 'drawn' as const,
        drawn: [0.5, -1.25, 1, 1],
        seed: 42,
        generatorUnits: 17,
        optimizer: 'sgd' as const,
        latentDim: 1 as const,
        generatorLr: 0.0025,
      },
      runs: [...runs, { loss: 'hinge' as const, lr: 0.002 }],
    };
    const hash = formatState(state);
    expect(hash).toMatch(/^#preset=ring-collapse&/);
    const back = parseState(hash);
    expect(back.notes).toEqual([]);
    expect({ preset: back.preset, config: back.config, runs: back.runs }).toEqual(state);
  });

  it('every preset round-trips to a hash of just its name', () => {
    for (const name of Object.keys(TOY_PRESETS) as (keyof typeof TOY_PRESETS)[]) {
      const state = { preset: name, ...presetConfig(name) };
      expect(formatState(state)).toBe(`#preset=${name}`);
      expect(parseState(formatState(state)).runs).toEqual(state.runs);
    }
  });

  it('unknown target, out-of-range width, NaN learning rate and bad runs fall back to the preset, each with a note', () => {
    const state = parseState('#preset=grid-wgan-gp&target=pentagon&gu=100000&glr=NaN&dlr=&runs=softmax,hinge&k=2.5&zdim=3&drawn=1,x');
    const { config, runs } = presetConfig('grid-wgan-gp');
    expect(state.config).toEqual(config);
    expect(state.runs).toEqual(runs);
    expect(state.notes).toHaveLength(8);
    expect(state.notes.join(' ')).toMatch(/target.*pentagon/);
    expect(state.notes.join(' ')).toMatch(/gu.*100000/);
    expect(state.notes.join(' ')).toMatch(/glr.*NaN/);
  });

  it('an unknown preset falls back to the default and says so', () => {
    const state = parseState('#preset=nope&seed=9');
    expect(state.preset).toBe('ring-converge');
    expect(state.config.seed).toBe(9);
    expect(state.notes).toEqual(['preset: unknown "nope"']);
  });
});
