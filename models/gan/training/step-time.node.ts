/** The step-time benchmark: seconds per training step of a preset on a Node backend. */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendName } from '../../tfjs-node/backend.node.ts';
import { discriminatorSeesCode } from '../architectures.ts';
import { getPreset } from '../presets.ts';
import { ganTrainStep, type RealBatch } from '../train-step.ts';
import { latentBatch } from './batches.ts';
import { disposeSession, makeSession, sessionStepOptions } from './session.ts';

/**
 * Mean seconds per training step (batch from the preset) of `model` on `backend`, after two
 * warm-up steps, on random data (no MNIST read). For the benchmark command.
 */
export async function measureStepTime(model: string, backend: BackendName = 'wasm', steps = 10, batch?: number): Promise<number> {
  const preset = getPreset(model);
  await useBackend(backend);
  const s = makeSession(preset, 1);
  const b = batch ?? preset.defaultBatch;
  const arch = preset.architecture;
  const realShape = [b, 28, 28, 1];
  const options = {
    ...sessionStepOptions(s),
    nextRealBatch: (): RealBatch => {
      const lb = latentBatch(s, b);
      lb.z.dispose();
      // A conditional D needs a label per real image, a self-conditioned one a cluster, a
      // sub-clustered one a (label, group) pair: any one-hot of the right width will do for timing.
      let labels = lb.labels;
      if (discriminatorSeesCode(arch)) {
        lb.labels?.dispose();
        labels = lb.code;
      } else lb.code?.dispose();
      const data = tf.randomUniform(realShape, -1, 1);
      return labels === undefined ? { data } : { data, labels };
    },
    nextLatentBatch: () => latentBatch(s, b),
  };
  for (let i = 0; i < 2; i++) ganTrainStep(options);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) ganTrainStep(options);
  const seconds = (performance.now() - t0) / 1000 / steps;
  disposeSession(s);
  return seconds;
}
