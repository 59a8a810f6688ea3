/**
 * Training checkpoints: `checkpoint/state.json` + `weights.bin` (every tensor of a session, with
 * a SHA-256), written to a temp directory and renamed into place so an interrupted write keeps
 * the previous good one; read back with the checksum verified; and restored into a session.
 * Timeline snapshots are generator-only checkpoints in the same format.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';
import { sha256Hex } from '../../artifact/sha256.node.ts';
import { buildGan, type GanArchitecture } from '../architectures.ts';
import { restoreNormalStream } from '../latent.ts';
import type { GanPreset } from '../presets.ts';
import type { Session } from './session.ts';

/** What a checkpoint's state.json holds. */
export interface CheckpointState {
  version: 1;
  model: string;
  step: number;
  targetSteps: number;
  batch: number;
  seed: number;
  architecture: GanArchitecture;
  preset: Omit<GanPreset, 'architecture'>;
  backend: string;
  trainingMs: number;
  startedAt: string;
  savedAt: string;
  hardware: string;
  rng: { data: object; latent: object };
  /** tensor groups in weights.bin, in order */
  groups: { name: 'generator' | 'discriminator' | 'generatorOptimizer' | 'discriminatorOptimizer' | 'generatorAverage'; names: string[] }[];
  /** updates folded into the generator average (absent: no average kept) */
  averageSteps?: number;
  specs: tf.io.WeightsManifestEntry[];
  weightsSha256: string;
}

export class CheckpointError extends Error {}

/** Writes `files` into `dir` atomically: a temp dir is filled, then renamed over `dir`. */
function writeDirAtomically(dir: string, files: Record<string, Uint8Array | string>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(tmp, name), data);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Reads a checkpoint directory, verifying its checksum. @throws CheckpointError */
export function readCheckpoint(dir: string): { state: CheckpointState; tensors: tf.NamedTensorMap } {
  // An interrupted swap leaves the previous good checkpoint in `<dir>.old`.
  const candidates = [dir, `${dir}.old`].filter((d) => existsSync(path.join(d, 'state.json')));
  const where = candidates[0];
  if (where === undefined) throw new CheckpointError(`no checkpoint in ${dir}`);
  let state: CheckpointState;
  let bytes: Buffer;
  try {
    state = JSON.parse(readFileSync(path.join(where, 'state.json'), 'utf8')) as CheckpointState;
    bytes = readFileSync(path.join(where, 'weights.bin'));
  } catch (e) {
    throw new CheckpointError(`checkpoint in ${where} is unreadable: ${(e as Error).message}`);
  }
  if (state.version !== 1 || !Array.isArray(state.specs) || !Array.isArray(state.groups)) {
    throw new CheckpointError(`checkpoint in ${where} is corrupt: bad state.json`);
  }
  const sha = sha256Hex(bytes);
  if (sha !== state.weightsSha256) throw new CheckpointError(`checkpoint in ${where} is corrupt: weights.bin checksum mismatch`);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return { state, tensors: tf.io.decodeWeights(buffer, state.specs) };
  } catch (e) {
    throw new CheckpointError(`checkpoint in ${where} is corrupt: ${(e as Error).message}`);
  }
}

/** The generator of a checkpoint (or timeline snapshot) directory, weights restored. */
export function loadGeneratorFromCheckpoint(
  dir: string,
  options: { average?: boolean } = {},
): { generator: tfl.LayersModel; state: CheckpointState; averaged: boolean } {
  const { state, tensors } = readCheckpoint(dir);
  const { generator, discriminator } = buildGan(state.architecture);
  const average = options.average === true ? state.groups.find((g) => g.name === 'generatorAverage') : undefined;
  const group = average ?? state.groups.find((g) => g.name === 'generator');
  if (group === undefined) throw new CheckpointError(`checkpoint in ${dir} has no generator weights`);
  generator.setWeights(group.names.map((n) => tensorOf(tensors, n, dir)));
  discriminator.dispose();
  tf.dispose(Object.values(tensors));
  return { generator, state, averaged: average !== undefined };
}

function tensorOf(tensors: tf.NamedTensorMap, name: string, dir: string): tf.Tensor {
  const t = tensors[name];
  if (t === undefined) throw new CheckpointError(`checkpoint in ${dir} is corrupt: missing tensor ${name}`);
  return t;
}

/** Index-based names: checkpoint order is the models' `weights` order and Adam's order. */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

function named(prefix: string, tensors: readonly tf.Tensor[]): NamedTensor[] {
  return tensors.map((tensor, i) => ({ name: `${prefix}/${i}`, tensor }));
}

/** What a checkpoint records besides the tensors, the RNG states and the preset. */
export type CheckpointMeta = Omit<CheckpointState, 'groups' | 'specs' | 'weightsSha256' | 'rng' | 'architecture' | 'preset' | 'version'>;

/** Writes the session (or only its generator, for a timeline snapshot) as a checkpoint directory. */
export async function saveCheckpoint(dir: string, s: Session, meta: CheckpointMeta, generatorOnly = false): Promise<void> {
  const groups: CheckpointState['groups'] = [];
  const all: NamedTensor[] = [];
  const add = (name: CheckpointState['groups'][number]['name'], items: NamedTensor[]) => {
    groups.push({ name, names: items.map((t) => t.name) });
    all.push(...items);
  };
  add('generator', named('g', s.generator.getWeights()));
  if (!generatorOnly && s.average !== undefined) add('generatorAverage', named('ga', s.average.weights));
  if (!generatorOnly) {
    add('discriminator', named('d', s.discriminator.getWeights()));
    add(
      'generatorOptimizer',
      named(
        'go',
        (await s.gOpt.getWeights()).map((w) => w.tensor),
      ),
    );
    add(
      'discriminatorOptimizer',
      named(
        'do',
        (await s.dOpt.getWeights()).map((w) => w.tensor),
      ),
    );
  }
  const { data, specs } = await tf.io.encodeWeights(all);
  const bytes = new Uint8Array(data);
  const { architecture, ...preset } = s.preset;
  const state: CheckpointState = {
    version: 1,
    ...meta,
    architecture,
    preset,
    rng: { data: s.dataRng.state(), latent: s.latents.state() },
    groups,
    ...(s.average === undefined || generatorOnly ? {} : { averageSteps: s.average.steps }),
    specs,
    weightsSha256: sha256Hex(bytes),
  };
  // Adam's getWeights() returns its live slot variables plus one fresh `iter` scalar (first).
  if (!generatorOnly) tf.dispose(all.filter((t) => t.name === 'go/0' || t.name === 'do/0').map((t) => t.tensor));
  writeDirAtomically(dir, { 'weights.bin': bytes, 'state.json': `${JSON.stringify(state, null, 1)}\n` });
}

/** Restores a session from a checkpoint read by `readCheckpoint` (and disposes its tensors). */
export async function restoreSession(s: Session, state: CheckpointState, tensors: tf.NamedTensorMap, dir: string): Promise<void> {
  const group = (name: CheckpointState['groups'][number]['name']) => {
    const g = state.groups.find((x) => x.name === name);
    if (g === undefined) throw new CheckpointError(`checkpoint in ${dir} has no ${name} group`);
    return g.names.map((n) => tensorOf(tensors, n, dir));
  };
  try {
    s.generator.setWeights(group('generator'));
    s.discriminator.setWeights(group('discriminator'));
    // Adam matches its slots to variables by position, so the names only need to be unique.
    await s.gOpt.setWeights(group('generatorOptimizer').map((tensor, i) => ({ name: `go/${i}`, tensor })));
    await s.dOpt.setWeights(group('discriminatorOptimizer').map((tensor, i) => ({ name: `do/${i}`, tensor })));
  } catch (e) {
    if (e instanceof CheckpointError) throw e;
    throw new CheckpointError(`checkpoint in ${dir} does not fit model ${s.preset.name}: ${(e as Error).message}`);
  }
  const avg = state.groups.find((x) => x.name === 'generatorAverage');
  if (s.average !== undefined && avg !== undefined) {
    const saved = avg.names.map((n) => tensorOf(tensors, n, dir));
    s.average.weights.forEach((w, i) => w.assign(saved[i] ?? w));
    s.average.steps = state.averageSteps ?? 0;
  } else if (s.average !== undefined) {
    // Average started on resume: begin from the restored generator.
    const current = s.generator.getWeights();
    s.average.weights.forEach((w, i) => w.assign(current[i] ?? w));
  }
  s.dataRng = seedrandom('', { state: state.rng.data as seedrandom.State.Arc4 });
  s.latents = restoreNormalStream(state.rng.latent);
  tf.dispose(Object.values(tensors));
}
