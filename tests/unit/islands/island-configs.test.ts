/** Island configs: one shape per island, checked where the controller reads it (src/islands/configs.ts). */
import { describe, expect, it } from 'vitest';
import { ISLAND_CONFIG_SHAPES, parseIslandConfig, type IslandConfig } from '../../../src/islands/configs.ts';

describe('parseIslandConfig', () => {
  it('returns a config that matches its island', () => {
    const config: IslandConfig<'training-scrubber'> = { model: 'dcgan', seed: 1, count: 8, steps: [0, 200], markerX: [0.1, 0.9] };
    expect(parseIslandConfig('training-scrubber', JSON.stringify(config))).toEqual(config);
    const probe: IslandConfig<'digit-probe'> = {
      classifier: 'classifier',
      generator: 'dcgan',
      seed: 1,
      discriminator: null,
      dLogit: false,
    };
    expect(parseIslandConfig('digit-probe', JSON.stringify(probe))).toEqual(probe);
  });

  it('names the island and the first missing or mistyped field', () => {
    expect(() => parseIslandConfig('sample-grid', JSON.stringify({ model: 'dcgan', seed: '1', count: 8, hashKey: 'g' }))).toThrow(
      'The sample-grid island\'s configuration needs "seed" as number.',
    );
    expect(() => parseIslandConfig('latent-walk', JSON.stringify({ model: 'dcgan', seed: 1, count: 8, keyframes: 6 }))).toThrow(
      /"columns" as number/,
    );
    expect(() =>
      parseIslandConfig('training-scrubber', JSON.stringify({ model: 'm', seed: 1, count: 1, steps: [0, 'x'], markerX: [] })),
    ).toThrow(/"steps" as number\[\]/);
    expect(() => parseIslandConfig('conditional-sampler', undefined)).toThrow(/no readable configuration/);
    expect(() => parseIslandConfig('conditional-sampler', '7')).toThrow(/not an object/);
  });

  it('has a shape for every controller boot.ts can load', async () => {
    const boot = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../../src/islands/boot.ts', import.meta.url), 'utf8'));
    const kinds = [...boot.matchAll(/'([a-z-]+)': \(\) => import/g)].map((m) => m[1]);
    expect(kinds.sort()).toEqual(Object.keys(ISLAND_CONFIG_SHAPES).sort());
  });
});
