/**
 * Child process of the benchmark: training ms per step of the shipped GAN architectures on one
 * Node backend, via the trainer's own `measureStepTime` (same presets, losses and train step;
 * random data instead of MNIST, so disk reads are not timed). A fresh process per backend keeps
 * one backend's kernels and memory out of the other's numbers.
 *
 *   tsx tests/bench/train-step.node.ts <wasm|cpu> <model,...> <steps> <repeats> [batch]
 * `batch` defaults to the preset's (64); the pure-JS cpu backend needs minutes per step at 64,
 * so the benchmark gives it a smaller one and says so.
 * Prints one JSON line: { backend, models: { <name>: { batch, msPerStep: number[] } } }.
 */
import { measureStepTime } from '../../models/gan/training/step-time.node.ts';
import { getPreset } from '../../models/gan/presets.ts';
import type { BackendName } from '../../models/tfjs-node/backend.node.ts';

const [backendArg, modelsArg, stepsArg, repeatsArg, batchArg] = process.argv.slice(2);
if (backendArg !== 'wasm' && backendArg !== 'cpu') throw new Error(`backend must be wasm or cpu, not ${backendArg}`);
const backend: BackendName = backendArg;
const models = (modelsArg ?? 'dcgan,cgan').split(',');
const steps = Number(stepsArg ?? 5);
const repeats = Number(repeatsArg ?? 3);
const batchOverride = batchArg === undefined ? undefined : Number(batchArg);

const result: { backend: string; models: Record<string, { batch: number; msPerStep: number[] }> } = { backend, models: {} };
for (const model of models) {
  const msPerStep: number[] = [];
  // Each repeat builds fresh models and does the trainer's two warm-up steps before timing.
  for (let r = 0; r < repeats; r++) msPerStep.push((await measureStepTime(model, backend, steps, batchOverride)) * 1000);
  result.models[model] = { batch: batchOverride ?? getPreset(model).defaultBatch, msPerStep };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
