/**
 * The isomorphic GAN library on the CPU backend: builder shapes and ranges, every loss against
 * a hand-computed value, latent seeding, and the train step's isolation, determinism and leaks.
 */
import '@tensorflow/tfjs-backend-cpu';
import '../../../models/tfjs-node/gradients.node.ts';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildConvDiscriminator, buildConvGenerator, codeOf, type ConvGanConfig } from '../../../models/gan/architectures.ts';
import { buildMlpDiscriminator, buildMlpGenerator, Mlp } from '../../../models/gan/mlp.ts';
import { ConcatenatedAdam } from '../../../models/gan/optimizers.ts';
import { tileGrid, unitRangeToUint8 } from '../../../models/gan/images.ts';
import { createNormalStream, restoreNormalStream, sampleLatents, slerp } from '../../../models/gan/latent.ts';
import {
  clipWeights,
  ganLoss,
  gradientPenalty,
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  minimaxDiscriminatorLoss,
  nonSaturatingGeneratorLoss,
  saturatingGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from '../../../models/gan/losses.ts';
import { discriminatorUpdate, ganTrainStep, generatorUpdate, readLoss, type GanStepOptions } from '../../../models/gan/train-step.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny: ConvGanConfig = { kind: 'conv', latentDim: 8, baseFilters: 4, kernelSize: 4, batchNorm: true };
const tinyConditional: ConvGanConfig = { ...tiny, numClasses: 10 };
const tinyInfo: ConvGanConfig = { ...tiny, latentDim: 12, categoricalCode: 4 };
const scalar = (t: tf.Scalar) => {
  const v = t.dataSync()[0] ?? Number.NaN;
  t.dispose();
  return v;
};
const oneHot = (labels: number[]) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32')) as tf.Tensor2D;

describe('builders', () => {
  it('conv generator: z [N, latentDim] -> [N, 28, 28, 1] in [-1, 1]; discriminator -> [N, 1]', () => {
    const g = buildConvGenerator(tiny);
    const d = buildConvDiscriminator(tiny);
    tf.tidy(() => {
      const out = g.predict(tf.randomNormal([3, 8])) as tf.Tensor;
      expect(out.shape).toEqual([3, 28, 28, 1]);
      expect(tf.max(tf.abs(out)).dataSync()[0]).toBeLessThanOrEqual(1);
      expect((d.predict(out) as tf.Tensor).shape).toEqual([3, 1]);
    });
    g.dispose();
    d.dispose();
  });

  it('conditional pair takes [z, one-hot label] and [image, one-hot label], in that order', () => {
    const g = buildConvGenerator(tinyConditional);
    const d = buildConvDiscriminator(tinyConditional);
    expect(g.inputs.map((i) => i.shape)).toEqual([
      [null, 8],
      [null, 10],
    ]);
    expect(d.inputs.map((i) => i.shape)).toEqual([
      [null, 28, 28, 1],
      [null, 10],
    ]);
    tf.tidy(() => {
      const labels = oneHot([0, 9]);
      const img = g.predict([tf.randomNormal([2, 8]), labels]) as tf.Tensor;
      expect(img.shape).toEqual([2, 28, 28, 1]);
      expect(tf.max(tf.abs(img)).dataSync()[0]).toBeLessThanOrEqual(1);
      expect((d.predict([img, labels]) as tf.Tensor).shape).toEqual([2, 1]);
    });
    g.dispose();
    d.dispose();
  });

  it('InfoGAN pair: one input z whose last K coordinates pick a one-hot code; D adds K code logits', () => {
    const g = buildConvGenerator(tinyInfo);
    const d = buildConvDiscriminator(tinyInfo);
    expect(g.inputs.map((i) => i.shape)).toEqual([[null, 12]]);
    expect(g.getLayer('code').trainable).toBe(false);
    expect(g.getLayer('code').trainableWeights).toEqual([]);
    expect(g.trainableWeights.some((w) => w.name.startsWith('code/'))).toBe(false);
    const codeModel = tfl.model({ inputs: g.inputs, outputs: g.getLayer('code').output as tfl.SymbolicTensor });
    tf.tidy(() => {
      // Rows whose last four coordinates peak at positions 2, 0, 3 and 1 (closest gap 0.01).
      const z = tf.concat(
        [
          tf.randomNormal([4, 8]),
          tf.tensor2d([
            [0, 0.5, 1.2, -1],
            [2, 1.99, -3, 0],
            [-1, -2, -0.5, -0.4],
            [0.1, 0.3, 0.2, -0.2],
          ]),
        ],
        1,
      ) as tf.Tensor2D;
      const expected = [
        [0, 0, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 1, 0, 0],
      ];
      expect(codeOf(z, 4).arraySync()).toEqual(expected);
      const code = (codeModel.predict(z) as tf.Tensor).arraySync() as number[][];
      code.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]?.[j] ?? Number.NaN, 5)));
      const img = g.predict(z) as tf.Tensor;
      expect(img.shape).toEqual([4, 28, 28, 1]);
      expect(tf.max(tf.abs(img)).dataSync()[0]).toBeLessThanOrEqual(1);
      const out = d.predict(img) as tf.Tensor[];
      expect(out.map((t) => t.shape)).toEqual([
        [4, 1],
        [4, 4],
      ]);
    });
    g.dispose();
    d.dispose();
  });

  it('MLP pair for 2-D toys: [N, latentDim] -> [N, 2] -> [N, 1]', () => {
    const cfg = { latentDim: 2, hiddenUnits: 8, hiddenLayers: 2, dataDim: 2 } as const;
    const g = buildMlpGenerator(cfg);
    const d = buildMlpDiscriminator(cfg);
    tf.tidy(() => {
      const x = g.apply(tf.randomNormal([5, 2]));
      expect(x.shape).toEqual([5, 2]);
      expect(d.apply(x).shape).toEqual([5, 1]);
    });
    expect(g.variables.map((v) => v.shape)).toEqual([[2, 8], [8], [8, 8], [8], [8, 2], [2]]);
    g.dispose();
    d.dispose();
  });

  it('MLP: the same function and initial weights as the tfjs-layers dense stack with the same seeds', () => {
    const seed = 7;
    const mlp = new Mlp([2, 16, 16, 3], 'tanh', seed);
    const x = tfl.input({ shape: [2] });
    let h = x;
    for (let i = 0; i < 3; i++)
      h = tfl.layers
        .dense({
          units: i < 2 ? 16 : 3,
          ...(i < 2 ? { activation: 'tanh' as const } : {}),
          kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + i }),
        })
        .apply(h) as tfl.SymbolicTensor;
    const layers = tfl.model({ inputs: x, outputs: h });
    const input = tf.randomNormal([6, 2]);
    const ours = mlp.apply(input);
    const theirs = layers.predict(input) as tf.Tensor;
    expect(Math.max(...tf.abs(tf.sub(ours, theirs)).dataSync())).toBeLessThan(1e-6);
    // The fused drawing path computes the same function.
    const fused = mlp.run(input.dataSync() as Float32Array);
    const plain = ours.dataSync();
    expect(Math.max(...fused.map((v, i) => Math.abs(v - (plain[i] ?? 0))))).toBeLessThan(1e-6);
    for (const activation of ['relu', 'elu', 'sigmoid'] as const) {
      const m = new Mlp([2, 5, 1], activation, 3);
      const viaApply = tf.tidy(() => m.apply(input).dataSync());
      expect(Math.max(...m.run(input.dataSync() as Float32Array).map((v, i) => Math.abs(v - (viaApply[i] ?? 0))))).toBeLessThan(1e-6);
      m.dispose();
    }
    // Snapshots round-trip through plain arrays.
    const values = mlp.weightValues();
    const other = new Mlp([2, 16, 16, 3], 'tanh', 99);
    other.setWeightValues(values);
    expect(Array.from(other.run(Float32Array.from([0.3, -0.2])))).toEqual(Array.from(mlp.run(Float32Array.from([0.3, -0.2]))));
    tf.dispose([input, ours, theirs]);
    layers.dispose();
    mlp.dispose();
    other.dispose();
  });

  it('ConcatenatedAdam: the same trajectory as tf.train.adam, in fewer kernels, leaking nothing', async () => {
    const start = [
      tf.tensor2d([
        [0.5, -1],
        [2, 0.1],
      ]),
      tf.tensor1d([0.3, -0.7]),
    ];
    const ours = start.map((t) => tf.variable(t.clone()));
    const theirs = start.map((t) => tf.variable(t.clone()));
    const loss = (vs: tf.Variable[]) => () => {
      const [w, b] = vs as [tf.Variable, tf.Variable];
      return tf.sum(
        tf.square(
          tf.sub(
            tf.add(tf.matMul(tf.ones([3, 2]), w), b),
            tf.tensor2d([
              [1, 2],
              [0, 1],
              [3, -1],
            ]),
          ),
        ),
      ) as tf.Scalar;
    };
    const a = new ConcatenatedAdam(0.05, 0.5, 0.999);
    const b = tf.train.adam(0.05, 0.5, 0.999);
    // The first update creates each optimizer's moment variables.
    a.minimize(loss(ours), false, ours);
    b.minimize(loss(theirs), false, theirs);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) {
      a.minimize(loss(ours), false, ours);
      b.minimize(loss(theirs), false, theirs);
    }
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < ours.length; i++) {
      const diff = tf.abs(tf.sub(ours[i]!, theirs[i]!));
      expect(Math.max(...diff.dataSync())).toBeLessThan(1e-5);
      diff.dispose();
    }
    // Moved away from the start: the test compares two trajectories, not two copies of it.
    expect(Math.abs((ours[0]!.dataSync()[0] ?? 0) - 0.5)).toBeGreaterThan(0.1);
    const kernels = async (opt: tf.Optimizer, vs: tf.Variable[]) =>
      (await tf.profile(() => void opt.minimize(loss(vs), false, vs))).kernels.length;
    expect(await kernels(a, ours)).toBeLessThan(await kernels(b, theirs));
    tf.dispose([...start, ...ours, ...theirs]);
    a.dispose();
    b.dispose();
  });
});

describe('losses (hand-computed on logits [0, ln 3] / [-ln 3, 2])', () => {
  // σ(0) = 1/2, σ(ln 3) = 3/4, σ(-ln 3) = 1/4, σ(2) = 0.880797
  const real = () => tf.tensor2d([[0], [Math.log(3)]]);
  const fake = () => tf.tensor2d([[-Math.log(3)], [2]]);
  const s2 = 1 / (1 + Math.exp(-2));

  it('minimax discriminator: -E[log D(x)] - E[log(1 - D(G(z)))]', () => {
    const expected = -(Math.log(0.5) + Math.log(0.75)) / 2 - (Math.log(0.75) + Math.log(1 - s2)) / 2;
    expect(scalar(minimaxDiscriminatorLoss(real(), fake()))).toBeCloseTo(expected, 5);
  });

  it('one-sided label smoothing: real term is cross-entropy with target 0.9', () => {
    const ce = (p: number) => -(0.9 * Math.log(p) + 0.1 * Math.log(1 - p));
    const expected = (ce(0.5) + ce(0.75)) / 2 - (Math.log(0.75) + Math.log(1 - s2)) / 2;
    expect(scalar(minimaxDiscriminatorLoss(real(), fake(), 0.9))).toBeCloseTo(expected, 5);
  });

  it('saturating generator E[log(1 - D(G(z)))] and non-saturating -E[log D(G(z))]', () => {
    expect(scalar(saturatingGeneratorLoss(fake()))).toBeCloseTo((Math.log(0.75) + Math.log(1 - s2)) / 2, 5);
    expect(scalar(nonSaturatingGeneratorLoss(fake()))).toBeCloseTo(-(Math.log(0.25) + Math.log(s2)) / 2, 5);
  });

  it('least squares (a=0, b=c=1): ½E[(D(x)-1)²] + ½E[D(G(z))²] and ½E[(D(G(z))-1)²]', () => {
    const r = [0, Math.log(3)];
    const f = [-Math.log(3), 2];
    const d = 0.5 * (((r[0]! - 1) ** 2 + (r[1]! - 1) ** 2) / 2) + 0.5 * ((f[0]! ** 2 + f[1]! ** 2) / 2);
    expect(scalar(leastSquaresDiscriminatorLoss(real(), fake()))).toBeCloseTo(d, 5);
    expect(scalar(leastSquaresGeneratorLoss(fake()))).toBeCloseTo(0.5 * (((f[0]! - 1) ** 2 + (f[1]! - 1) ** 2) / 2), 5);
  });

  it('hinge: E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))] and -E[D(G(z))]', () => {
    const d = (1 + Math.max(0, 1 - Math.log(3))) / 2 + (Math.max(0, 1 - Math.log(3)) + 3) / 2;
    expect(scalar(hingeDiscriminatorLoss(real(), fake()))).toBeCloseTo(d, 5);
    expect(scalar(hingeGeneratorLoss(fake()))).toBeCloseTo(-(2 - Math.log(3)) / 2, 5);
  });

  it('Wasserstein: critic E[f(G(z))] - E[f(x)], generator -E[f(G(z))]', () => {
    expect(scalar(wassersteinCriticLoss(real(), fake()))).toBeCloseTo((2 - Math.log(3)) / 2 - Math.log(3) / 2, 5);
    expect(scalar(wassersteinGeneratorLoss(fake()))).toBeCloseTo(-(2 - Math.log(3)) / 2, 5);
  });

  it('gradient penalty of a linear critic f(x) = w·x is λ(‖w‖ - 1)²', () => {
    const w = tf.tensor2d([[3], [4]]); // ‖w‖ = 5
    const critic = (x: tf.Tensor) => tf.matMul(x as tf.Tensor2D, w);
    const gp = gradientPenalty(
      critic,
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([
        [0, 0],
        [1, 1],
      ]),
      tf.tensor1d([0.3, 0.7]),
      10,
    );
    expect(scalar(gp)).toBeCloseTo(10 * 16, 3);
    w.dispose();
  });

  it('weight clipping clamps to [-c, c]', () => {
    const v = tf.variable(tf.tensor1d([-1, 0.005, 2]));
    clipWeights([v], 0.01);
    expect(Array.from(v.dataSync())).toEqual([-0.01, 0.005, 0.01].map((x) => Math.fround(x)));
    v.dispose();
  });

  it('ganLoss pairs every named loss', () => {
    for (const name of ['minimax', 'non-saturating', 'least-squares', 'hinge', 'wasserstein', 'wasserstein-gp'] as const) {
      const pair = ganLoss(name);
      expect(Number.isFinite(scalar(pair.discriminator(real(), fake())))).toBe(true);
      expect(Number.isFinite(scalar(pair.generator(fake())))).toBe(true);
    }
  });
});

describe('latents and images', () => {
  it('same seed, same latents; different seeds differ; roughly N(0, 1)', () => {
    expect(Array.from(sampleLatents(42, 4, 16))).toEqual(Array.from(sampleLatents(42, 4, 16)));
    expect(Array.from(sampleLatents(42, 1, 16))).not.toEqual(Array.from(sampleLatents(43, 1, 16)));
    const z = sampleLatents(1, 2000, 10);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + b * b, 0) / z.length - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('a restored stream continues exactly where the saved one was', () => {
    const s = createNormalStream(5);
    s.fill(new Float32Array(3)); // odd count: a spare draw is pending
    const saved = JSON.parse(JSON.stringify(s.state())) as object;
    expect(Array.from(restoreNormalStream(saved).fill(new Float32Array(6)))).toEqual(Array.from(s.fill(new Float32Array(6))));
  });

  it('slerp hits both ends and keeps the norm between orthogonal unit vectors', () => {
    const a = new Float32Array([1, 0]);
    const b = new Float32Array([0, 1]);
    expect(Array.from(slerp(a, b, 0))).toEqual([1, 0]);
    const mid = slerp(a, b, 0.5);
    expect(Math.hypot(mid[0]!, mid[1]!)).toBeCloseTo(1, 6);
    expect(slerp(a, b, 1)[1]).toBeCloseTo(1, 6);
  });

  it('unitRangeToUint8 clamps and rounds; tileGrid places images with gaps', () => {
    expect(Array.from(unitRangeToUint8(new Float32Array([-2, -1, 0, 1, 3])))).toEqual([0, 0, 128, 255, 255]);
    const grid = tileGrid(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 2, 2, 2, 2, 1, 0);
    expect([grid.width, grid.height]).toEqual([7, 4]);
    expect(Array.from(grid.data.subarray(7, 14))).toEqual([0, 1, 2, 0, 5, 6, 0]);
  });
});

/** Step options over the layers models of the Node trainer (tests read their weights). */
type LayersStepOptions = Omit<GanStepOptions, 'generator' | 'discriminator'> & {
  generator: tfl.LayersModel;
  discriminator: tfl.LayersModel;
  dispose(): void;
};

function stepOptions(cfg: ConvGanConfig, seed: number, weights?: { g: tf.Tensor[]; d: tf.Tensor[] }): LayersStepOptions {
  const generator = buildConvGenerator(cfg);
  const discriminator = buildConvDiscriminator(cfg);
  if (weights) {
    generator.setWeights(weights.g);
    discriminator.setWeights(weights.d);
  }
  const stream = createNormalStream(seed);
  const batch = 4;
  const labels = () => oneHot([0, 1, 2, 3]);
  const gOpt = tf.train.adam(2e-4, 0.5);
  const dOpt = tf.train.adam(2e-4, 0.5);
  return {
    generator,
    discriminator,
    loss: ganLoss('non-saturating', 0.9),
    generatorOptimizer: gOpt,
    discriminatorOptimizer: dOpt,
    discriminatorSteps: 1,
    nextRealBatch: () => {
      const data = tf.tensor4d(
        stream.fill(new Float32Array(batch * 784)).map((v) => Math.tanh(v)),
        [batch, 28, 28, 1],
      );
      return cfg.numClasses === undefined ? { data } : { data, labels: labels() };
    },
    nextLatentBatch: () => {
      const z = tf.tensor2d(stream.fill(new Float32Array(batch * cfg.latentDim)), [batch, cfg.latentDim]);
      if (cfg.categoricalCode !== undefined) return { z, code: codeOf(z, cfg.categoricalCode) };
      return cfg.numClasses === undefined ? { z } : { z, labels: labels() };
    },
    ...(cfg.categoricalCode === undefined ? {} : { codeLossWeight: 0.5 }),
    dispose() {
      generator.dispose();
      discriminator.dispose();
      gOpt.dispose();
      dOpt.dispose();
    },
  };
}

const snapshot = (ws: tf.Tensor[]) => ws.map((w) => Array.from(w.dataSync()));

describe('train step', () => {
  it('a discriminator update leaves the generator trainable weights unchanged, and vice versa', () => {
    const o = stepOptions(tinyConditional, 1);
    const g0 = snapshot(o.generator.trainableWeights.map((w) => w.read()));
    const d0 = snapshot(o.discriminator.trainableWeights.map((w) => w.read()));
    readLoss(discriminatorUpdate(o));
    expect(snapshot(o.generator.trainableWeights.map((w) => w.read()))).toEqual(g0);
    const d1 = snapshot(o.discriminator.trainableWeights.map((w) => w.read()));
    expect(d1).not.toEqual(d0);
    readLoss(generatorUpdate(o));
    expect(snapshot(o.discriminator.trainableWeights.map((w) => w.read()))).toEqual(d1);
    expect(snapshot(o.generator.trainableWeights.map((w) => w.read()))).not.toEqual(g0);
    o.dispose();
  });

  it('same seed and same initial weights give the same first steps', () => {
    const a = stepOptions(tiny, 3);
    const weights = { g: a.generator.getWeights().map((t) => t.clone()), d: a.discriminator.getWeights().map((t) => t.clone()) };
    const b = stepOptions(tiny, 3, weights);
    const la = [ganTrainStep(a), ganTrainStep(a)];
    const lb = [ganTrainStep(b), ganTrainStep(b)];
    expect(lb).toEqual(la);
    a.dispose();
    b.dispose();
    tf.dispose([...weights.g, ...weights.d]);
  });

  it('InfoGAN: each network minimises its GAN loss plus λ times the cross-entropy of Q(c|G(z)) against the code in z', () => {
    const o = stepOptions(tinyInfo, 5);
    const z = tf.tensor2d(createNormalStream(9).fill(new Float32Array(4 * 12)), [4, 12]);
    const latents = { ...o, nextLatentBatch: () => ({ z: z.clone(), code: codeOf(z, 4) }) };
    const expected = tf.tidy(() => {
      const [score, logits] = o.discriminator.apply(o.generator.apply(z, { training: true }), { training: true }) as tf.Tensor[];
      if (score === undefined || logits === undefined) throw new Error('two outputs expected');
      // cross-entropy by hand: -log softmax(logits)[code]
      const ce = tf.mean(tf.neg(tf.sum(tf.mul(codeOf(z, 4), tf.logSoftmax(logits)), 1)));
      return scalar(tf.add(nonSaturatingGeneratorLoss(score), tf.mul(0.5, ce)) as tf.Scalar);
    });
    expect(readLoss(generatorUpdate(latents))).toBeCloseTo(expected, 4);
    const { codeLossWeight: _, ...plain } = latents;
    expect(readLoss(generatorUpdate(plain))).not.toBeCloseTo(readLoss(generatorUpdate(latents)), 2);
    // A code loss needs a Q head: asking for one on a plain discriminator is an error.
    const noHead = stepOptions(tiny, 5);
    expect(() =>
      generatorUpdate({ ...noHead, codeLossWeight: 1, nextLatentBatch: () => ({ z: tf.randomNormal([4, 8]) as tf.Tensor2D }) }),
    ).toThrow(/code output/);
    noHead.dispose();
    z.dispose();
    o.dispose();
  });

  it('leaks no tensor over many steps (numTensors flat), with k = 2 and with a gradient penalty', () => {
    const o = { ...stepOptions(tiny, 4), discriminatorSteps: 2 };
    ganTrainStep(o); // optimiser slots are created on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 8; i++) ganTrainStep(o);
    expect(tf.memory().numTensors).toBe(before);
    o.dispose();

    const info = stepOptions(tinyInfo, 6);
    ganTrainStep(info);
    const beforeInfo = tf.memory().numTensors;
    for (let i = 0; i < 8; i++) ganTrainStep(info);
    expect(tf.memory().numTensors).toBe(beforeInfo);
    info.dispose();

    const cfg = { latentDim: 2, hiddenUnits: 8, hiddenLayers: 1, dataDim: 2 } as const;
    const g = buildMlpGenerator(cfg);
    const d = buildMlpDiscriminator(cfg);
    const wgan: GanStepOptions = {
      generator: g,
      discriminator: d,
      loss: ganLoss('wasserstein-gp'),
      generatorOptimizer: tf.train.adam(1e-3),
      discriminatorOptimizer: tf.train.adam(1e-3),
      discriminatorSteps: 2,
      gradientPenaltyWeight: 10,
      nextRealBatch: () => ({ data: tf.randomNormal([16, 2]) }),
      nextLatentBatch: () => ({ z: tf.randomNormal([16, 2]) as tf.Tensor2D }),
    };
    ganTrainStep(wgan);
    const before2 = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const l = ganTrainStep(wgan);
      expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before2);
    g.dispose();
    d.dispose();
  });
});
