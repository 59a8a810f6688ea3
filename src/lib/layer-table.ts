/**
 * A model's layer table (name, class, output shape, parameters) computed at build from
 * its TF.js `model.json` alone: output shapes follow from the Keras topology by the
 * shape rules below, and parameter counts from the weights manifest, so the table in a
 * post is the shipped model's and no TensorFlow.js runs at build. Layer classes without
 * a rule fail loudly rather than print a wrong shape.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './bibliography.ts';

export class LayerTableError extends Error {
  override name = 'LayerTableError';
}

/** A shape without the batch dimension; null for a dimension the model leaves open. */
export type Shape = (number | null)[];

export interface LayerRow {
  /** Layer name, as in the weights manifest (`project`, `up14_bn`). */
  name: string;
  /** Keras class name (`Dense`, `Conv2DTranspose`). */
  className: string;
  /** Output shape without the batch dimension. */
  outputShape: Shape;
  /** Number of weight values the layer holds (trainable and not). */
  params: number;
  /** Of those, the values not trained by gradient (batch-norm moving statistics). */
  nonTrainable: number;
}

export interface LayerTable {
  rows: LayerRow[];
  /** Sum of `params` over the rows: every value in the weights manifest. */
  total: number;
  /** Sum of `nonTrainable` over the rows. */
  nonTrainable: number;
}

interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes?: unknown;
}

const product = (shape: Shape): number | null => (shape.every((d) => d !== null) ? (shape as number[]).reduce((a, b) => a * b, 1) : null);

const pair = (value: unknown, fallback: number): [number, number] => {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1] ?? value[0])];
  if (typeof value === 'number') return [value, value];
  return [fallback, fallback];
};

function spatial(size: number | null, kernel: number, stride: number, padding: string, dilation = 1): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.floor((size - (kernel - 1) * dilation - 1) / stride) + 1;
}

function transposedSpatial(size: number | null, kernel: number, stride: number, padding: string): number | null {
  if (size === null) return null;
  return padding === 'same' ? size * stride : size * stride + Math.max(kernel - stride, 0);
}

/** Output shape of one layer from its config and its input shapes. */
export function outputShape(layer: KerasLayer, inputs: Shape[]): Shape {
  const c = layer.config;
  const input = inputs[0] ?? [];
  const name = String(c['name']);
  const channelsFirst = c['data_format'] === 'channels_first';
  if (channelsFirst && /2D$/.test(layer.class_name)) {
    throw new LayerTableError(`layer "${name}": channels_first is not supported by the layer table`);
  }
  switch (layer.class_name) {
    case 'InputLayer': {
      const shape = (c['batch_input_shape'] ?? c['batchInputShape'] ?? c['batch_shape']) as Shape | undefined;
      if (!shape) throw new LayerTableError(`input layer "${name}" has no batch_input_shape`);
      return shape.slice(1);
    }
    case 'Dense':
      return [...input.slice(0, -1), Number(c['units'])];
    case 'Embedding':
      return [...input, Number(c['output_dim'])];
    case 'Concatenate': {
      const rank = input.length;
      const axisRaw = Number(c['axis'] ?? -1);
      // The config's axis counts the batch dimension; -1 is the last one.
      const axis = axisRaw < 0 ? rank + axisRaw : axisRaw - 1;
      const out = [...input];
      out[axis] = inputs.reduce<number | null>((sum, s) => (sum === null || s[axis] == null ? null : sum + (s[axis] ?? 0)), 0);
      return out;
    }
    case 'Add':
    case 'Subtract':
    case 'Multiply':
    case 'Average':
    case 'Maximum':
    case 'Minimum':
    case 'BatchNormalization':
    case 'LayerNormalization':
    case 'ReLU':
    case 'LeakyReLU':
    case 'ELU':
    case 'PReLU':
    case 'Softmax':
    case 'Activation':
    case 'Dropout':
    case 'GaussianNoise':
    case 'SpatialDropout2D':
      return [...input];
    case 'Reshape': {
      const target = [...(c['target_shape'] as number[])];
      const unknown = target.indexOf(-1);
      if (unknown !== -1) {
        const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
        const all = product(input);
        target[unknown] = all === null ? -1 : all / known;
      }
      return target;
    }
    case 'Flatten':
      return [product(input)];
    case 'Conv2D':
    case 'Conv2DTranspose':
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const [h = null, w = null] = input;
      const padding = String(c['padding'] ?? 'valid');
      const isPool = layer.class_name.endsWith('Pooling2D');
      const [kh, kw] = pair(isPool ? c['pool_size'] : c['kernel_size'], 2);
      const [sh, sw] = pair(c['strides'], isPool ? kh : 1);
      const channels = isPool ? (input[2] ?? null) : Number(c['filters']);
      if (layer.class_name === 'Conv2DTranspose') {
        return [transposedSpatial(h, kh, sh, padding), transposedSpatial(w, kw, sw, padding), channels];
      }
      const [dh, dw] = pair(c['dilation_rate'], 1);
      return [spatial(h, kh, sh, padding, dh), spatial(w, kw, sw, padding, dw), channels];
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return [input[2] ?? null];
    default:
      throw new LayerTableError(
        `layer "${name}" has class ${layer.class_name}, which the layer table has no shape rule for ` +
          '(add one in src/lib/layer-table.ts)',
      );
  }
}

/** Names of a functional layer's inputs, from `inbound_nodes: [[["z", 0, 0, {}], …]]`. */
function inboundNames(layer: KerasLayer): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) throw new LayerTableError(`layer "${String(layer.config['name'])}" is shared; not supported`);
  return (nodes[0] as unknown[][]).map((edge) => String(edge[0]));
}

/** The table of a parsed `model.json` (`{ modelTopology, weightsManifest }`). */
export function layerTable(modelJson: unknown): LayerTable {
  const json = modelJson as {
    modelTopology?: { class_name?: string; config?: unknown; model_config?: unknown };
    weightsManifest?: { weights: { name: string; shape: number[] }[] }[];
  };
  const topology = (json.modelTopology?.model_config ?? json.modelTopology) as { class_name?: string; config?: unknown } | undefined;
  if (!topology?.class_name || !json.weightsManifest) {
    throw new LayerTableError('not a TF.js layers model (no modelTopology or weightsManifest)');
  }
  const config = topology.config as { layers?: KerasLayer[] } | KerasLayer[];
  const layers = Array.isArray(config) ? config : (config.layers ?? []);
  const sequential = topology.class_name === 'Sequential';

  const shapes = new Map<string, Shape>();
  let previous: Shape | undefined;
  const rows: LayerRow[] = [];
  for (const layer of layers) {
    const name = String(layer.config['name']);
    let inputs: Shape[];
    if (sequential) {
      const declared = layer.config['batch_input_shape'] as Shape | undefined;
      const first = previous ?? declared?.slice(1);
      if (!first) throw new LayerTableError(`the first layer "${name}" declares no batch_input_shape`);
      inputs = [first];
    } else {
      inputs = inboundNames(layer).map((input) => {
        const shape = shapes.get(input);
        if (!shape) throw new LayerTableError(`layer "${name}" reads "${input}", which comes later or does not exist`);
        return shape;
      });
    }
    const out = outputShape(layer, inputs);
    shapes.set(name, out);
    previous = out;
    rows.push({ name, className: layer.class_name, outputShape: out, params: 0, nonTrainable: 0 });
  }

  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const weight of json.weightsManifest.flatMap((group) => group.weights)) {
    const slash = weight.name.lastIndexOf('/');
    const row = byName.get(weight.name.slice(0, slash));
    if (!row) throw new LayerTableError(`weight "${weight.name}" belongs to no layer of the topology`);
    const values = weight.shape.reduce((a, b) => a * b, 1);
    row.params += values;
    if (/\/(moving_mean|moving_variance)$/.test(weight.name)) row.nonTrainable += values;
  }
  return {
    rows,
    total: rows.reduce((sum, r) => sum + r.params, 0),
    nonTrainable: rows.reduce((sum, r) => sum + r.nonTrainable, 0),
  };
}

/** `models/<model>/artifact/model.json`, parsed into its layer table. */
export function readLayerTable(model: string, root = repoRoot()): LayerTable {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(model)) throw new LayerTableError(`"${model}" is not a model name`);
  const file = `models/${model}/artifact/model.json`;
  let text: string;
  try {
    text = readFileSync(resolve(root, file), 'utf8');
  } catch {
    throw new LayerTableError(`model "${model}": ${file} not found`);
  }
  try {
    return layerTable(JSON.parse(text));
  } catch (error) {
    throw new LayerTableError(`${file}: ${(error as Error).message}`);
  }
}

/** "7 × 7 × 64"; an open dimension is "?". */
export function formatShape(shape: Shape): string {
  return shape.map((d) => (d === null ? '?' : String(d))).join(' × ');
}
