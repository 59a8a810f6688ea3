/**
 * Post-training low-rank factorisation of a generator's first dense layer ("project"): the
 * kernel W [in, out] becomes A [in, r] · B [r, out] from its truncated SVD (Eckart–Young: the
 * best rank-r approximation in Frobenius norm), stored as two stock Dense layers, so the
 * artifact stays a plain TF.js layers model. In the shipped dcgan, W is 164 × 3136 = 514k of
 * the generator's 566k weights; rank r keeps r · (164 + 3136).
 *
 * Node-only (ml-matrix's SVD); the factorised model itself is built by `buildConvGenerator`
 * with `projectRank` set.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildConvGenerator, type ConvGanConfig } from '../gan/architectures.ts';

/** The first dense layer's name, and the factor layer inserted before it. */
export const PROJECT_LAYER = 'project';
export const FACTOR_LAYER = 'project_factor';

export interface TruncatedSvd {
  /** U_r · diag(√s_r), [rows, rank] row-major */
  readonly left: Float32Array;
  /** diag(√s_r) · V_rᵀ, [rank, cols] row-major */
  readonly right: Float32Array;
  /** every singular value, largest first */
  readonly singularValues: number[];
  /** Σ s_i² over the kept values / Σ s_i² over all: the share of ‖W‖²_F the factors keep */
  readonly retainedEnergy: number;
}

/**
 * Truncated SVD of a row-major [rows, cols] matrix, split evenly (√s on each side) so both
 * factors have similar ranges: good for per-tensor uint8 quantisation of each.
 */
export function truncatedSvd(values: Float32Array, rows: number, cols: number, rank: number): TruncatedSvd {
  if (values.length !== rows * cols) throw new RangeError(`truncatedSvd: ${values.length} values for a ${rows} x ${cols} matrix`);
  if (!Number.isInteger(rank) || rank < 1 || rank > Math.min(rows, cols))
    throw new RangeError(`truncatedSvd: rank must be an integer in [1, ${Math.min(rows, cols)}], got ${rank}`);
  const w = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w.set(i, j, values[i * cols + j]!);
  const svd = new SingularValueDecomposition(w, { autoTranspose: true });
  const s = svd.diagonal;
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const left = new Float32Array(rows * rank);
  const right = new Float32Array(rank * cols);
  for (let k = 0; k < rank; k++) {
    const root = Math.sqrt(s[k]!);
    for (let i = 0; i < rows; i++) left[i * rank + k] = u.get(i, k) * root;
    for (let j = 0; j < cols; j++) right[k * cols + j] = v.get(j, k) * root;
  }
  const energy = (xs: number[]) => xs.reduce((a, x) => a + x * x, 0);
  return { left, right, singularValues: s, retainedEnergy: energy(s.slice(0, rank)) / energy(s) };
}

/**
 * A copy of `generator` (built from `cfg`, without `projectRank`) whose "project" kernel is
 * replaced by its rank-`rank` factors; every other weight is copied by layer name.
 * @returns the factorised model and the SVD (for the card: retained energy, spectrum)
 */
export function factoriseGenerator(
  generator: tfl.LayersModel,
  cfg: ConvGanConfig,
  rank: number,
): { model: tfl.LayersModel; svd: TruncatedSvd } {
  const model = buildConvGenerator({ ...cfg, projectRank: rank });
  const project = generator.getLayer(PROJECT_LAYER);
  const [kernel, ...rest] = project.getWeights();
  if (kernel === undefined || kernel.shape.length !== 2) throw new Error(`factoriseGenerator: layer "${PROJECT_LAYER}" has no 2-D kernel`);
  const [rows, cols] = kernel.shape as [number, number];
  const svd = truncatedSvd(kernel.dataSync() as Float32Array, rows, cols, rank);
  for (const layer of model.layers) {
    if (layer.getWeights().length === 0) continue;
    if (layer.name === FACTOR_LAYER) {
      const a = tf.tensor2d(svd.left, [rows, rank]);
      layer.setWeights([a]);
      a.dispose();
    } else if (layer.name === PROJECT_LAYER) {
      const b = tf.tensor2d(svd.right, [rank, cols]);
      layer.setWeights([b, ...rest]);
      b.dispose();
    } else {
      layer.setWeights(generator.getLayer(layer.name).getWeights());
    }
  }
  return { model, svd };
}
