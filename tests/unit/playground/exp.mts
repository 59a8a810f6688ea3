import * as tf from '@tensorflow/tfjs-core';
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { ToyRun } from '../../../models/gan/toy-run.ts';
import { presetConfig } from '../../../models/gan/toy-presets.ts';
void (async () => { await tf.setBackend(process.argv[3] ?? "cpu");
const name = (process.argv[2] ?? 'ring-converge') as any;
const { config, runs } = presetConfig(name);
const run = new ToyRun(config, runs[0]!);
const t0 = performance.now();
const steps = Number(process.argv[4] ?? 3000);
for (let s = 1; s <= steps; s++) {
  run.train();
  if (s % 250 === 0) { const f = run.frame(); console.log(s, f.covered, f.highQuality.toFixed(2), run.history.at(-1), ((performance.now()-t0)/s).toFixed(2),'ms/step', tf.memory().numTensors); }
}
})();
