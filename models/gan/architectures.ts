/**
 * Generator and discriminator builders (tfjs-layers functional models, so a trained generator
 * saves as a standard TF.js layers artifact and loads with stock `tf.loadLayersModel`).
 *
 * Images are [batch, 28, 28, 1] in [-1, 1]; latents are [batch, latentDim] ~ N(0, 1); labels
 * are one-hot [batch, numClasses]. Conditional models take their inputs in the order
 * [z, label] (generator) and [image, label] (discriminator).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** A DCGAN-style conv pair for 28x28x1 images (Radford et al. 2016, sized down for MNIST). */
export interface ConvGanConfig {
  readonly kind: 'conv';
  /** size of z */
  readonly latentDim: number;
  /** filters of the 14x14 layer; the 7x7 layer has twice as many */
  readonly baseFilters: number;
  /** kernel size of every (transposed) convolution */
  readonly kernelSize: number;
  /** batch normalisation in the generator (the discriminator has none) */
  readonly batchNorm: boolean;
  /** set for a class-conditional pair (cGAN, Mirza & Osindero 2014) */
  readonly numClasses?: number;
  /**
   * set for an unconditional pair with a K-way categorical latent code trained by mutual
   * information (InfoGAN, Chen et al. 2016): see `buildConvGenerator` and `codeOf`.
   */
  readonly categoricalCode?: number;
  /**
   * offsets b of the code: c = onehot(argmax_k (z_k + b_k)) over the last K coordinates, so the
   * code follows a chosen categorical prior (`argmaxOffsets` in code-prior.ts); default all 0 (uniform)
   */
  readonly codeOffsets?: readonly number[];
  /**
   * self-conditioned GAN (Liu et al. 2020): the discriminator is conditioned on the code, with
   * real images carrying the unsupervised cluster they belong to (projection, like `numClasses`),
   * instead of predicting the code with an InfoGAN Q head
   */
  readonly codeConditionsDiscriminator?: boolean;
  /**
   * rank r of a factorised first dense layer: z (+ label/code) → dense r (linear, no bias,
   * "project_factor") → dense 7·7·2f ("project"), r·(in + 7·7·2f) weights instead of
   * in·7·7·2f; trained as such from the start (a preset that sets it), or filled afterwards by a
   * truncated SVD of a trained full-rank kernel (models/artifact/low-rank.node.ts)
   */
  readonly projectRank?: number;
  /**
   * extra stride-1 3x3 convolutions of f filters (+ BN + ReLU) at 14x14, after the first
   * transposed convolution: depth for the generator at 9·f² weights each (the dense layer
   * above holds most of the weights; this spends compute instead of bytes)
   */
  readonly refine14?: number;
  /**
   * with `numClasses`: S sub-clusters per class (k-means within each digit's training images).
   * The generator still takes [z, label]: a fixed layer reads an S-way code from the last S
   * coordinates of z, offset by the requested class's `subClusterOffsets` row so each sub-cluster
   * comes up as often as it holds images of that class; the discriminator is conditioned
   * (projection) on the pair (class, sub-cluster), a one-hot of numClasses · S.
   */
  readonly subClusters?: number;
  /** per-class offsets [numClasses][S] of the sub-cluster code (`argmaxOffsets` of each class's sub-cluster sizes); default all 0 */
  readonly subClusterOffsets?: readonly (readonly number[])[];
}

/**
 * Inverse temperature of the softmax that turns the last K latent coordinates into the code.
 * The argmax of K independent N(0, 1) values is uniform over the K categories, and at this
 * temperature the softmax equals that one-hot vector unless the two largest values lie within
 * about 1e-3 of each other (under 0.2 % of latents). 10,000 is exact in float16.
 */
export const CODE_SHARPNESS = 10000;

/** The architectures the Node trainer builds (the playground's 2-D MLPs are in mlp.ts). */
export type GanArchitecture = ConvGanConfig;

// #region conv-generator
/**
 * DCGAN generator: z (+ one-hot label) → [dense r, linear, if projectRank] → dense 7·7·2f → BN → ReLU
 * → reshape [7, 7, 2f] → transposed conv f, stride 2 → BN → ReLU → [conv 3x3 f → BN → ReLU] × refine14
 * → transposed conv 1, stride 2 → tanh.
 * Inputs: z [batch, latentDim] (and label [batch, numClasses]).
 * @returns a model whose output is [batch, 28, 28, 1] in [-1, 1]
 */
export function buildConvGenerator(cfg: ConvGanConfig): tfl.LayersModel {
  const f = cfg.baseFilters;
  const z = tfl.input({ shape: [cfg.latentDim], name: 'z' });
  const label = cfg.numClasses === undefined ? undefined : tfl.input({ shape: [cfg.numClasses], name: 'label' });
  // #region label-concatenation
  let h = label === undefined ? z : (tfl.layers.concatenate({ name: 'z_label' }).apply([z, label]) as tfl.SymbolicTensor);
  // #endregion label-concatenation
  // #region code-from-z
  if (cfg.categoricalCode !== undefined) {
    // Still one input z ~ N(0, I): a fixed (non-trainable) layer reads its last K coordinates
    // (plus offsets) as a one-hot code c = onehot(argmax), so the artifact stays a stock layers model.
    const code = tfl.layers
      .dense({ units: cfg.categoricalCode, useBias: cfg.codeOffsets !== undefined, activation: 'softmax', trainable: false, name: 'code' })
      .apply(z) as tfl.SymbolicTensor;
    h = tfl.layers.concatenate({ name: 'z_code' }).apply([z, code]) as tfl.SymbolicTensor;
  }
  // #endregion code-from-z
  // #region sub-cluster-code
  if (cfg.subClusters !== undefined) {
    if (label === undefined || cfg.numClasses === undefined) throw new Error('subClusters needs numClasses');
    // Fixed layer over [z, label]: logits S·(z's last S coordinates + the requested class's offsets).
    const code = tfl.layers
      .dense({ units: cfg.subClusters, useBias: false, activation: 'softmax', trainable: false, name: 'code' })
      .apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.concatenate({ name: 'z_label_code' }).apply([h, code]) as tfl.SymbolicTensor;
  }
  // #endregion sub-cluster-code
  const normalise = (x: tfl.SymbolicTensor, name: string) =>
    cfg.batchNorm ? (tfl.layers.batchNormalization({ momentum: 0.9, name }).apply(x) as tfl.SymbolicTensor) : x;
  if (cfg.projectRank !== undefined) {
    h = tfl.layers.dense({ units: cfg.projectRank, useBias: false, name: 'project_factor' }).apply(h) as tfl.SymbolicTensor;
  }
  h = tfl.layers.dense({ units: 7 * 7 * 2 * f, useBias: !cfg.batchNorm, name: 'project' }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.reLU().apply(normalise(h, 'project_bn')) as tfl.SymbolicTensor;
  h = tfl.layers.reshape({ targetShape: [7, 7, 2 * f] }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers
    .conv2dTranspose({ filters: f, kernelSize: cfg.kernelSize, strides: 2, padding: 'same', useBias: !cfg.batchNorm, name: 'up14' })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.reLU().apply(normalise(h, 'up14_bn')) as tfl.SymbolicTensor;
  for (let i = 1; i <= (cfg.refine14 ?? 0); i++) {
    h = tfl.layers
      .conv2d({ filters: f, kernelSize: 3, padding: 'same', useBias: !cfg.batchNorm, name: `refine14_${i}` })
      .apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.reLU().apply(normalise(h, `refine14_${i}_bn`)) as tfl.SymbolicTensor;
  }
  const image = tfl.layers
    .conv2dTranspose({ filters: 1, kernelSize: cfg.kernelSize, strides: 2, padding: 'same', activation: 'tanh', name: 'up28' })
    .apply(h) as tfl.SymbolicTensor;
  const generator = tfl.model({ inputs: label === undefined ? z : [z, label], outputs: image, name: 'generator' });
  if (cfg.categoricalCode !== undefined) {
    const selector = codeSelector(cfg.latentDim, cfg.categoricalCode);
    const offsets = cfg.codeOffsets === undefined ? [] : [tf.tensor1d(cfg.codeOffsets.map((b) => CODE_SHARPNESS * b))];
    generator.getLayer('code').setWeights([selector, ...offsets]);
    tf.dispose([selector, ...offsets]);
  }
  if (cfg.subClusters !== undefined && cfg.numClasses !== undefined) {
    const kernel = subClusterSelector(cfg.latentDim, cfg.numClasses, cfg.subClusters, cfg.subClusterOffsets);
    generator.getLayer('code').setWeights([kernel]);
    kernel.dispose();
  }
  return generator;
}
// #endregion conv-generator

/** [latentDim, K] kernel that picks the last K latent coordinates, scaled by CODE_SHARPNESS. */
function codeSelector(latentDim: number, k: number): tf.Tensor2D {
  const kernel = new Float32Array(latentDim * k);
  for (let j = 0; j < k; j++) kernel[(latentDim - k + j) * k + j] = CODE_SHARPNESS;
  return tf.tensor2d(kernel, [latentDim, k]);
}

/**
 * [latentDim + numClasses, S] kernel of the sub-cluster code layer: CODE_SHARPNESS on z's last S
 * coordinates and CODE_SHARPNESS · offsets[c] on the rows of label c.
 */
function subClusterSelector(latentDim: number, numClasses: number, s: number, offsets?: readonly (readonly number[])[]): tf.Tensor2D {
  if (offsets !== undefined && (offsets.length !== numClasses || offsets.some((row) => row.length !== s)))
    throw new Error(`subClusterOffsets must be ${numClasses} rows of ${s} numbers`);
  const kernel = new Float32Array((latentDim + numClasses) * s);
  for (let j = 0; j < s; j++) {
    kernel[(latentDim - s + j) * s + j] = CODE_SHARPNESS;
    for (let c = 0; c < numClasses; c++) kernel[(latentDim + c) * s + j] = CODE_SHARPNESS * (offsets?.[c]?.[j] ?? 0);
  }
  return tf.tensor2d(kernel, [latentDim + numClasses, s]);
}

/**
 * The (class, sub-cluster) condition of a latent batch for a sub-clustered conditional model:
 * sub-cluster = argmax over z's last S coordinates plus the requested class's offsets.
 * @param labels [batch, numClasses] one-hot requested classes
 * @returns [batch, numClasses · S] one-hot of class · S + sub-cluster (float32)
 */
export function subClusterConditionOf(
  z: tf.Tensor2D,
  labels: tf.Tensor2D,
  s: number,
  offsets?: readonly (readonly number[])[],
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, latentDim] = z.shape;
    const numClasses = labels.shape[1];
    let tail: tf.Tensor2D = tf.slice(z, [0, latentDim - s], [batch, s]);
    if (offsets !== undefined) tail = tf.add(tail, tf.matMul(labels, tf.tensor2d(offsets.map((row) => [...row])))) as tf.Tensor2D;
    const sub = tf.argMax(tail, 1);
    const cls = tf.argMax(labels, 1);
    const fine = tf.add(tf.mul(cls, tf.scalar(s, 'int32')), sub) as tf.Tensor1D;
    return tf.cast(tf.oneHot(fine, numClasses * s), 'float32') as tf.Tensor2D;
  });
}

/**
 * The categorical code a latent batch carries: one-hot argmax of its last K coordinates (plus offsets).
 * @param z [batch, latentDim] ~ N(0, 1)
 * @returns [batch, K] one-hot (float32)
 */
export function codeOf(z: tf.Tensor2D, k: number, offsets?: readonly number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, latentDim] = z.shape;
    const tail = tf.slice(z, [0, latentDim - k], [batch, k]);
    const last = offsets === undefined ? tail : tf.add(tail, tf.tensor1d([...offsets]));
    return tf.cast(tf.oneHot(tf.argMax(last, 1) as tf.Tensor1D, k), 'float32') as tf.Tensor2D;
  });
}

// #region conv-discriminator
/**
 * DCGAN discriminator: conv f, stride 2 → LeakyReLU(0.2) → conv 2f, stride 2 → LeakyReLU
 * → flatten → dense 1. Conditional: adds the projection term ⟨embed(y), h⟩ to the output
 * (projection discriminator, Miyato & Koyama 2018).
 * Inputs: image [batch, 28, 28, 1] in [-1, 1] (and label [batch, numClasses]).
 * @returns a model whose output is [batch, 1] raw scores (logits) (and [batch, K] code logits)
 */
export function buildConvDiscriminator(cfg: ConvGanConfig): tfl.LayersModel {
  const f = cfg.baseFilters;
  const image = tfl.input({ shape: [28, 28, 1], name: 'image' });
  let h = tfl.layers
    .conv2d({ filters: f, kernelSize: cfg.kernelSize, strides: 2, padding: 'same', name: 'down14' })
    .apply(image) as tfl.SymbolicTensor;
  h = tfl.layers.leakyReLU({ alpha: 0.2 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers
    .conv2d({ filters: 2 * f, kernelSize: cfg.kernelSize, strides: 2, padding: 'same', name: 'down7' })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.leakyReLU({ alpha: 0.2 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  let out = tfl.layers.dense({ units: 1, name: 'score' }).apply(h) as tfl.SymbolicTensor;
  if (cfg.categoricalCode !== undefined && cfg.codeConditionsDiscriminator !== true) {
    let q = tfl.layers.dense({ units: 64, name: 'q_hidden' }).apply(h) as tfl.SymbolicTensor;
    q = tfl.layers.leakyReLU({ alpha: 0.2 }).apply(q) as tfl.SymbolicTensor;
    q = tfl.layers.dense({ units: cfg.categoricalCode, name: 'q_code' }).apply(q) as tfl.SymbolicTensor;
    return tfl.model({ inputs: image, outputs: [out, q], name: 'discriminator' });
  }
  const classes =
    cfg.numClasses === undefined
      ? cfg.codeConditionsDiscriminator === true
        ? cfg.categoricalCode
        : undefined
      : cfg.numClasses * (cfg.subClusters ?? 1);
  if (classes === undefined) return tfl.model({ inputs: image, outputs: out, name: 'discriminator' });
  // #region projection-discriminator
  const label = tfl.input({ shape: [classes], name: 'label' });
  const embedded = tfl.layers.dense({ units: 7 * 7 * 2 * f, useBias: false, name: 'label_embedding' }).apply(label) as tfl.SymbolicTensor;
  const projection = tfl.layers.dot({ axes: 1, name: 'projection' }).apply([h, embedded]) as tfl.SymbolicTensor;
  out = tfl.layers.add({ name: 'score_plus_projection' }).apply([out, projection]) as tfl.SymbolicTensor;
  // #endregion projection-discriminator
  return tfl.model({ inputs: [image, label], outputs: out, name: 'discriminator' });
}
// #endregion conv-discriminator

/**
 * Whether the discriminator is conditioned on the code a latent batch carries (`LatentBatch.code`):
 * a self-conditioned model's cluster code, or a sub-clustered conditional model's (label, group) pair.
 */
export function discriminatorSeesCode(arch: ConvGanConfig): boolean {
  return arch.codeConditionsDiscriminator === true || arch.subClusters !== undefined;
}

/** Builds both networks of an architecture. */
export function buildGan(arch: GanArchitecture): { generator: tfl.LayersModel; discriminator: tfl.LayersModel } {
  return { generator: buildConvGenerator(arch), discriminator: buildConvDiscriminator(arch) };
}

/** Human-readable one-line description for model cards. */
export function describeArchitecture(arch: GanArchitecture): string {
  const f = arch.baseFilters;
  const k = arch.kernelSize;
  const code = arch.categoricalCode;
  const sub = arch.subClusters;
  const cond =
    arch.numClasses !== undefined
      ? ` [z, one-hot label ${arch.numClasses}] concatenated${sub === undefined ? '' : `, then c = one-hot argmax of (z's last ${sub} coordinates + the label's offsets) (fixed softmax layer, sub-cluster code) concatenated`};`
      : code !== undefined
        ? ` [z, c] concatenated, c = one-hot argmax of z's last ${code} coordinates${arch.codeOffsets === undefined ? '' : ' plus fixed offsets'} (fixed softmax layer, ${arch.codeConditionsDiscriminator === true ? 'self-conditioning cluster code' : 'InfoGAN code'});`
        : '';
  return (
    `DCGAN generator:${cond} z ${arch.latentDim} → ${arch.projectRank === undefined ? '' : `dense ${arch.projectRank} (linear, no bias: rank-${arch.projectRank} factorisation) → `}dense 7x7x${2 * f}${arch.batchNorm ? ' + BN' : ''} + ReLU → ` +
    `conv-transpose ${k}x${k}/2 ${f}${arch.batchNorm ? ' + BN' : ''} + ReLU → ` +
    (arch.refine14 === undefined || arch.refine14 === 0
      ? ''
      : `${arch.refine14} x (conv 3x3 ${f}${arch.batchNorm ? ' + BN' : ''} + ReLU) → `) +
    `conv-transpose ${k}x${k}/2 1 + tanh. ` +
    `Discriminator: conv ${k}x${k}/2 ${f} + LeakyReLU 0.2 → conv ${k}x${k}/2 ${2 * f} + LeakyReLU → dense 1` +
    (arch.numClasses === undefined
      ? ''
      : sub === undefined
        ? ' + projection <embed(label), features>'
        : ` + projection <embed(label, sub-cluster), features> over ${arch.numClasses} x ${sub} (label, k-means sub-cluster) pairs`) +
    (code === undefined
      ? ''
      : arch.codeConditionsDiscriminator === true
        ? ` + projection <embed(cluster code), features>`
        : `; Q head on the features: dense 64 + LeakyReLU → dense ${code} code logits`)
  );
}
