/**
 * Project numbers for posts: path lookup in cards and results files, formatting, and the
 * errors a writer sees for a missing model, file or field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProjectValue, projectValue, readModelCard, readResultsFile, valueAtPath } from '../../../src/lib/card-values.ts';
import { layerTable, readLayerTable } from '../../../src/lib/layer-table.ts';

const data = {
  metrics: { frechet: { model: 3.8902, floor: 1.34 }, histogram: [0.1, 0.2, 0.7] },
  models: [
    { name: 'cgan', bytes: 561186 },
    { name: 'dcgan', bytes: 1137650 },
  ],
};

describe('valueAtPath', () => {
  it('follows keys, array indices and [field=value] selectors', () => {
    expect(valueAtPath(data, 'metrics.frechet.model')).toBe(3.8902);
    expect(valueAtPath(data, 'metrics.histogram.2')).toBe(0.7);
    expect(valueAtPath(data, 'metrics.histogram[2]')).toBe(0.7);
    expect(valueAtPath(data, 'models[name=dcgan].bytes')).toBe(1137650);
  });

  it('reduces an array of numbers', () => {
    expect(valueAtPath(data, 'metrics.histogram[min]')).toBe(0.1);
    expect(valueAtPath(data, 'metrics.histogram[max]')).toBe(0.7);
    expect(valueAtPath(data, 'metrics.histogram[length]')).toBe(3);
    expect(valueAtPath(data, 'metrics.histogram[sum]')).toBeCloseTo(1, 12);
    expect(() => valueAtPath(data, 'models[max]')).toThrow('"models" is not a non-empty array of numbers');
  });

  it('names the missing field and what exists there', () => {
    expect(() => valueAtPath(data, 'metrics.frechet.value')).toThrow(
      'no field "metrics.frechet.value" (metrics.frechet has: model, floor)',
    );
    expect(() => valueAtPath(data, 'models[name=gan].bytes')).toThrow('matches 0 elements');
  });
});

describe('formatProjectValue', () => {
  it('formats numbers, integers, percentages, bytes and durations', () => {
    expect(formatProjectValue(3.8902213, 'number', 2)).toBe('3.89');
    expect(formatProjectValue(566007, 'int')).toBe('566,007');
    expect(formatProjectValue(0.893, 'percent')).toBe('89.3%');
    expect(formatProjectValue(1137650, 'bytes')).toBe('1.14 MB');
    expect(formatProjectValue(512, 'bytes')).toBe('512 B');
    expect(formatProjectValue(5708, 'duration')).toBe('1 h 35 min');
    expect(formatProjectValue(125, 'duration')).toBe('2 min 5 s');
    expect(formatProjectValue(36.6, 'duration')).toBe('36.6 s');
    expect(formatProjectValue('wasm')).toBe('wasm');
  });

  it('rejects a value that is not a number or a string', () => {
    expect(() => formatProjectValue(null)).toThrow('the value is null');
    expect(() => formatProjectValue({ a: 1 })).toThrow('not a finite number or a string');
  });
});

describe('model cards and results files', () => {
  it('reads the shipped dcgan card, validated by the card schema', () => {
    const card = readModelCard('dcgan') as { name: string; params: number };
    expect(card.name).toBe('dcgan');
    expect(projectValue(() => card, 'params', 'post.mdx', 'int')).toMatch(/^\d{1,3}(,\d{3})+$/);
  });

  it('names the MDX file, the model and the path when a card or a field is missing', () => {
    expect(() =>
      projectValue(() => readModelCard('no-such-model'), 'params', 'content/posts/x.mdx: <CardValue model="no-such-model">'),
    ).toThrow(
      /^content\/posts\/x\.mdx: <CardValue model="no-such-model">: model "no-such-model": models\/no-such-model\/artifact\/card\.json not found/,
    );
    expect(() => projectValue(() => readModelCard('dcgan'), 'training.nope', 'content/posts/x.mdx')).toThrow(
      /content\/posts\/x\.mdx: no field "training\.nope"/,
    );
  });

  it('reads committed results and refuses files that are not results', () => {
    expect(valueAtPath(readResultsFile('tests/bench/results.json'), 'machine.cores')).toBeTypeOf('number');
    expect(() => readResultsFile('package.json')).toThrow('is not a results file');
    expect(() => readResultsFile('../outside/tests/bench/x.json')).toThrow('is not a results file');
  });
});

describe('layer table', () => {
  it('computes shapes and parameters of a functional model from its JSON', () => {
    const model = {
      modelTopology: {
        class_name: 'Model',
        config: {
          layers: [
            { class_name: 'InputLayer', config: { name: 'z', batch_input_shape: [null, 8] }, inbound_nodes: [] },
            { class_name: 'InputLayer', config: { name: 'y', batch_input_shape: [null, 2] }, inbound_nodes: [] },
            {
              class_name: 'Concatenate',
              config: { name: 'zy', axis: -1 },
              inbound_nodes: [
                [
                  ['z', 0, 0, {}],
                  ['y', 0, 0, {}],
                ],
              ],
            },
            { class_name: 'Dense', config: { name: 'fc', units: 196 }, inbound_nodes: [[['zy', 0, 0, {}]]] },
            { class_name: 'BatchNormalization', config: { name: 'bn' }, inbound_nodes: [[['fc', 0, 0, {}]]] },
            { class_name: 'Reshape', config: { name: 'r', target_shape: [7, 7, 4] }, inbound_nodes: [[['bn', 0, 0, {}]]] },
            {
              class_name: 'Conv2DTranspose',
              config: { name: 'up', filters: 1, kernel_size: [4, 4], strides: [2, 2], padding: 'same' },
              inbound_nodes: [[['r', 0, 0, {}]]],
            },
          ],
        },
      },
      weightsManifest: [
        {
          weights: [
            { name: 'fc/kernel', shape: [10, 196] },
            { name: 'fc/bias', shape: [196] },
            { name: 'bn/gamma', shape: [196] },
            { name: 'bn/beta', shape: [196] },
            { name: 'bn/moving_mean', shape: [196] },
            { name: 'bn/moving_variance', shape: [196] },
            { name: 'up/kernel', shape: [4, 4, 1, 4] },
            { name: 'up/bias', shape: [1] },
          ],
        },
      ],
    };
    const table = layerTable(model);
    expect(table.rows.map((r) => [r.name, r.outputShape])).toEqual([
      ['z', [8]],
      ['y', [2]],
      ['zy', [10]],
      ['fc', [196]],
      ['bn', [196]],
      ['r', [7, 7, 4]],
      ['up', [14, 14, 1]],
    ]);
    expect(table.rows.find((r) => r.name === 'fc')?.params).toBe(10 * 196 + 196);
    expect(table.nonTrainable).toBe(2 * 196);
    expect(table.total).toBe(1960 + 196 + 4 * 196 + 64 + 1);
  });

  it('matches the parameter count on the shipped cards (Sequential and functional)', () => {
    for (const model of ['dcgan', 'cgan', 'classifier']) {
      // The raw card: this compares counts, whatever the card schema's current state.
      const card = JSON.parse(readFileSync(`models/${model}/artifact/card.json`, 'utf8')) as { params: number };
      const table = readLayerTable(model);
      expect(table.total, model).toBe(card.params);
      expect(table.rows.at(-1)?.outputShape, model).toEqual(model === 'classifier' ? [10] : [28, 28, 1]);
    }
  });

  it('fails on a layer class it has no shape rule for, naming it', () => {
    const model = {
      modelTopology: {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Conv3D', config: { name: 'c', batch_input_shape: [null, 2, 2, 2, 1] } }] },
      },
      weightsManifest: [],
    };
    expect(() => layerTable(model)).toThrow('layer "c" has class Conv3D, which the layer table has no shape rule for');
  });
});
