/**
 * The one schema of a model card, `card.json`: what the trainer, exporter and eval tool write
 * and what the site, its islands, the articles' card values and the tests read. Discriminated
 * on `kind` (generator, classifier, discriminator). Objects are strict, so a field that is not
 * declared here is an error on read and on write: add it here first, with its JSDoc line.
 *
 * Isomorphic (no Node imports): the page imports only the inferred types (see
 * src/runtime/model-loader.ts for why), Node code validates with `parseCard`.
 */
import { z } from 'astro/zod';

/** Lower-case hex SHA-256. */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');
const count = z.number().int().nonnegative();
const finite = z.number().finite();
/** `JSON.stringify` writes NaN as null: a measure that could not be taken. */
const measured = z.number().finite().nullable();

/** How the shipped weights are stored. One shape for every kind. */
export const quantizationSchema = z.strictObject({
  /** Storage type of the float weights in the shard: float32 (none), float16, or uint8 affine. */
  dtype: z.enum(['float32', 'float16', 'uint8']),
  /** How they are encoded and decoded, in words (e.g. weights-manifest quantization, decoded by stock TF.js). */
  method: z.string().min(1),
  /** For uint8: the affine scheme, e.g. "per tensor: w = q·scale + min, q in 0..255, 0 exact". */
  scheme: z.string().min(1).optional(),
  /** Names of weights left in float32 (too small to matter, or too sensitive). */
  float32Weights: z.array(z.string()).optional(),
  /** Largest absolute difference of the outputs from the float32 model, on `checkedOn`. */
  maxAbsPixelError: finite.nonnegative().optional(),
  /** Mean absolute difference of the outputs from the float32 model, on `checkedOn`. */
  meanAbsPixelError: finite.nonnegative().optional(),
  /** What the error was measured on (inputs, seed), or where the quality check is recorded. */
  checkedOn: z.string().min(1).optional(),
  /** Other encodings measured for this model, for comparison (not shipped). */
  compared: z
    .array(
      z.strictObject({
        /** Storage type tried. */
        dtype: z.enum(['float32', 'float16', 'uint8']),
        /** Bytes of model.json + shard with that storage. */
        bytes: count,
        /** Largest absolute output difference from float32, on the same inputs. */
        maxAbsPixelError: finite.nonnegative(),
        /** Mean absolute output difference from float32, on the same inputs. */
        meanAbsPixelError: finite.nonnegative(),
      }),
    )
    .optional(),
});

/** An optional description of a compressed model (low rank, pruning, distillation). */
export const compressionSchema = z.looseObject({
  /** What was done, e.g. "truncated SVD of the dense projection". */
  method: z.string().min(1),
  /** The model it was compressed from (e.g. "models/dcgan/artifact", or a run). */
  source: z.string().min(1).optional(),
  /** Rank kept, for a low-rank factorisation. */
  rank: count.optional(),
  /** Layers that were compressed. */
  layers: z.array(z.string()).optional(),
  /** Parameters before compression. */
  paramsBefore: count.optional(),
  /** Parameters after compression. */
  paramsAfter: count.optional(),
  /** Largest absolute output difference from the uncompressed model on fixed inputs. */
  maxAbsPixelError: finite.nonnegative().optional(),
});

/** The artifact fields every kind shares. */
const artifactFields = {
  /** Model name: the folder under models/ and the URL segment `<base>/models/<name>/`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name with dashes'),
  /** Number of digit classes the model knows (MNIST: 10). */
  numClasses: z.number().int().positive(),
  /** The model's inputs in order, each "name [shape] meaning". */
  inputs: z.array(z.string().min(1)).min(1),
  /** The model's output, "[shape] meaning". */
  output: z.string().min(1),
  /** SHA-256 of every artifact file but the cards (model.json and the shards), by file name. */
  files: z.record(z.string().min(1), sha256Hex).refine((f) => Object.keys(f).length > 0, 'lists no files'),
  /** Bytes of those files together (the download a reader's browser makes). */
  bytes: z.number().int().positive(),
  /** Number of weights in the model. */
  params: z.number().int().positive(),
  /** How the weights are stored. */
  quantization: quantizationSchema,
  /** The network in one paragraph (layers, shapes, activations). */
  architecture: z.string().min(1),
  /** Present when the artifact is a compressed version of another model. */
  compression: compressionSchema.optional(),
};

/** How a GAN (its generator and discriminator) was trained; written by the exporter from the checkpoint. */
export const ganTrainingSchema = z.strictObject({
  /** Training data in words. */
  dataset: z.string().min(1),
  /** Training steps (generator updates) taken. */
  steps: count,
  /** Images per batch. */
  batch: z.number().int().positive(),
  /** The `--seed` of the run. */
  seed: count,
  /** What the seed fixes and what it does not. */
  seedScope: z.string().min(1),
  /** Loss in words (`models/gan/losses.ts`), with label smoothing and extra terms. */
  loss: z.string().min(1),
  /** Optimiser(s) and learning rates in words. */
  optimizer: z.string().min(1),
  /** Discriminator updates per generator update. */
  discriminatorStepsPerGeneratorStep: z.number().int().positive(),
  /** Which generator weights ship: the last ones or a moving average (and how). */
  generatorWeights: z.string().min(1),
  /** Seconds spent in training steps (not in checkpoints or pauses). */
  wallTimeSeconds: count,
  /** When the run started (ISO 8601). */
  startedAt: z.string().datetime(),
  /** When the exported checkpoint was written (ISO 8601). */
  checkpointSavedAt: z.string().datetime(),
  /** The machine it trained on. */
  hardware: z.string().min(1),
  /** TF.js version, backend and its kernels. */
  backend: z.string().min(1),
  /** Where the training code lives. */
  code: z.string().min(1),
});

/** The categorical code a generator reads from the end of z (InfoGAN or self-conditioned). */
export const latentCodeSchema = z.strictObject({
  /** Only categorical codes so far. */
  kind: z.literal('categorical'),
  /** Number of code values (the last `size` coordinates of z). */
  size: z.number().int().positive(),
  /** How the model turns z into the code, in words. */
  readFrom: z.string().min(1),
  /** Offsets b added before the argmax so that value k has the prior's probability (`gan/code-prior.ts`). */
  offsets: z.array(finite).optional(),
  /** How the code learnt its meaning, in words. */
  training: z.string().min(1),
});

/** A quality bar of the eval tool (`models/eval/quality.ts`) and its verdict. */
const barSchema = z.strictObject({
  /** The bar in words, e.g. "every digit 5-15 % of samples". */
  bar: z.string().min(1),
  /** Whether the model passed it. */
  pass: z.boolean(),
  /** The measured figure in words. */
  measured: z.string().min(1),
});

/** What every `npm run eval` result records about itself. */
const evaluationFields = {
  /** Quality bars and verdicts. */
  bars: z.array(barSchema),
  /** The command that wrote these metrics. */
  evaluatedBy: z.string().min(1),
  /** When (ISO 8601). */
  evaluatedAt: z.string().datetime(),
  /** The classifier that judged: its folder and its files' SHA-256s. */
  classifier: z.strictObject({
    /** Repository-relative folder. */
    dir: z.string().min(1),
    /** SHA-256 by file name. */
    files: z.record(z.string(), sha256Hex),
  }),
  /** TF.js backend of the evaluation. */
  backend: z.string().min(1),
  /** The machine it ran on. */
  hardware: z.string().min(1),
  /** Seconds the whole evaluation took. */
  wallTimeSeconds: finite.nonnegative(),
  /** Seconds per stage, by stage name. */
  timingsSeconds: z.record(z.string(), finite.nonnegative()),
};

/** A Parzen-window estimate (Goodfellow et al. 2014 protocol; `models/eval/parzen.ts`). */
const parzenFields = {
  /** Mean log-likelihood of the test images, nats. */
  meanNats: finite,
  /** Standard error of that mean (std / √m). */
  standardError: finite.nonnegative(),
  /** Kernel width chosen on the validation images. */
  sigma: finite.positive(),
  /** Whether σ is at the edge of the grid (the optimum may lie outside). */
  sigmaAtGridEdge: z.boolean(),
  /** The σ values tried. */
  sigmaGrid: z.array(finite.positive()),
  /** Mean validation log-likelihood for each σ of the grid, nats. */
  validationMeanNats: z.array(finite),
  /** Kernel centres used. */
  kernelSamples: z.number().int().positive(),
  /** Which images chose σ, in words. */
  validationImages: z.string().min(1),
  /** Test images scored. */
  testImages: z.number().int().positive(),
  /** Seconds this estimate took. */
  seconds: finite.nonnegative(),
};

/** A distance distribution in a few numbers (`models/eval/memorisation.ts`). */
const distanceQuantilesSchema = z.strictObject({
  /** Smallest distance. */
  min: finite.nonnegative(),
  /** 1st percentile. */
  p1: finite.nonnegative(),
  /** 5th percentile. */
  p5: finite.nonnegative(),
  /** 25th percentile. */
  p25: finite.nonnegative(),
  /** Median. */
  median: finite.nonnegative(),
  /** 75th percentile. */
  p75: finite.nonnegative(),
  /** 95th percentile. */
  p95: finite.nonnegative(),
  /** Largest distance. */
  max: finite.nonnegative(),
  /** Mean distance. */
  mean: finite.nonnegative(),
});

/** Nearest-training distances of generated samples against those of test images, in one space. */
const distanceComparisonSchema = z.looseObject({
  /** The space and metric, e.g. "pixels in [0, 1], Euclidean (784-d)". */
  space: z.string().min(1).optional(),
  /** Nearest-training distances of the generated samples. */
  generated: distanceQuantilesSchema,
  /** Nearest-training distances of the test images (new real digits: the reference). */
  test: distanceQuantilesSchema,
  /** Share of samples closer to a training image than the test images' 1st percentile. */
  fractionBelowTestP1: finite.min(0).max(1),
  /** The same below the test images' 5th percentile. */
  fractionBelowTestP5: finite.min(0).max(1),
  /** Median generated distance / median test distance (about 1 for new digits, 0 for copies). */
  medianRatio: finite.nonnegative(),
  /** Samples within 1e-3 of the test median of a training image: copies up to rounding. */
  nearExactCopies: count,
  /** Whether this space alone flags copying. */
  flagged: z.boolean(),
});

/**
 * Nearest-neighbour distances from generated samples to the training set: does the model copy
 * its training images? Loose: the memorisation tool may add fields; declare them here when it does.
 */
export const memorisationSchema = z.looseObject({
  /** Generated samples measured. */
  samples: z.number().int().positive().optional(),
  /** Training images searched for nearest neighbours. */
  trainImages: z.number().int().positive().optional(),
  /** Test images measured as the reference. */
  testImages: z.number().int().positive().optional(),
  /** Euclidean distances on pixels in [0, 1]. */
  pixels: distanceComparisonSchema.optional(),
  /** Euclidean distances on the classifier's feature layer. */
  features: distanceComparisonSchema.optional(),
  /** Whether either space flags copying. */
  copying: z.boolean().optional(),
  /** The verdict in words ("copying" or "no copying detected"). */
  verdict: z.string().min(1).optional(),
  /** The flagging rule, in words. */
  rule: z.string().min(1).optional(),
  /** Seconds the check took. */
  seconds: finite.nonnegative().optional(),
  /** How the samples' latents were drawn, as a call. */
  latents: z.string().min(1).optional(),
  /** Seconds per stage: training-set features, generation with features, the distance search. */
  timingsSeconds: z.record(z.string().min(1), finite.nonnegative()).optional(),
  /** The figure in the artifact folder: samples beside their nearest training images. */
  figure: z
    .strictObject({
      /** File name inside the artifact folder (published beside model.json). */
      file: z.string().regex(/^[a-z0-9-]+\.png$/, 'expected a plain .png file name'),
      /** SHA-256 of the file. */
      sha256: sha256Hex,
      /** What the columns and rows show, in words. */
      layout: z.string().min(1),
      /** Indices of the generated samples shown, in column order. */
      samplesShown: z.array(count),
    })
    .optional(),
});

/** `npm run eval` results for a generator. */
export const generatorMetricsSchema = z.strictObject({
  ...evaluationFields,
  /** Generated samples evaluated. */
  samples: z.number().int().positive(),
  /** Seed of their latents. */
  latentSeed: count,
  /** How the latents were drawn, as a call. */
  latents: z.string().min(1),
  /** How labels were asked for (conditional), or null. */
  labels: z.string().min(1).nullable(),
  /** Share of samples the classifier puts in each digit class. */
  classHistogram: z.array(finite.min(0).max(1)),
  /** Fréchet distance of classifier features against the MNIST test set. */
  frechet: z.strictObject({
    /** The model's distance. */
    model: finite.nonnegative(),
    /** Training images vs test images: the best a model can expect. */
    floorTrainVsTest: finite.nonnegative(),
    /** An untrained generator of the same topology: the worst. */
    untrainedBaseline: measured,
    /** model / floor. */
    ratioToFloor: finite.nonnegative(),
    /** Which features, in words. */
    features: z.string().min(1),
    /** Test images in the reference Gaussian. */
    testImages: z.number().int().positive(),
    /** Training images in the floor's Gaussian. */
    floorTrainImages: z.number().int().positive(),
    /** How the untrained baseline was built, in words. */
    baseline: z.string().min(1),
  }),
  /** Conditional models: share of samples classified as the requested digit. */
  agreement: z
    .strictObject({
      /** Over all samples. */
      rate: finite.min(0).max(1),
      /** Per requested digit. */
      perDigit: z.array(finite.min(0).max(1)),
    })
    .optional(),
  /** Models with a categorical code: which digit each code value draws. */
  latentCode: z
    .strictObject({
      /** Per code value: samples, their majority digit and its share. */
      perCode: z.array(
        z.strictObject({
          /** Code value. */
          code: count,
          /** Samples drawn with it. */
          samples: count,
          /** The digit the classifier sees most often. */
          digit: count,
          /** That digit's share of the samples. */
          share: finite.min(0).max(1),
        }),
      ),
      /** Share of all samples that show their code's majority digit. */
      purity: finite.min(0).max(1),
      /** Distinct majority digits over all code values. */
      digitsCovered: count,
      /** What was measured, in words. */
      measure: z.string().min(1),
    })
    .optional(),
  /** Parzen-window log-likelihood of the test set, with the real-data reference. */
  parzen: z.strictObject({
    ...parzenFields,
    /** Units and scale, in words. */
    units: z.string().min(1),
    /** The protocol followed, in words. */
    protocol: z.string().min(1),
    /** Goodfellow et al. (2014), Table 1, MNIST column. */
    reference: z.array(
      z.strictObject({
        /** Model of the table. */
        model: z.string().min(1),
        /** Its mean log-likelihood, nats. */
        nats: finite,
        /** Its standard error. */
        se: finite.nonnegative(),
      }),
    ),
    /** The same protocol with real training images as kernel centres. */
    trainingImagesAsSamples: z.strictObject({
      ...parzenFields,
      /** Which training images were the centres. */
      kernelCentres: z.string().min(1),
    }),
  }),
  /** Nearest-neighbour distances to the training set (memorisation check). */
  memorisation: memorisationSchema.optional(),
});

/** `npm run eval` results for the classifier. */
export const classifierMetricsSchema = z.strictObject({
  ...evaluationFields,
  /** Accuracy of the shipped weights on the MNIST test set. */
  testAccuracy: finite.min(0).max(1),
  /** Test images. */
  testImages: z.number().int().positive(),
  /** Accuracy per true digit. */
  perDigitAccuracy: z.array(finite.min(0).max(1)),
  /** Fréchet distance between training and test features (the generators' floor). */
  frechetFloor: finite.nonnegative(),
});

/** card.json of a generator (shipped artifact or timeline snapshot). */
export const generatorCardSchema = z.strictObject({
  /** Model kind. */
  kind: z.literal('generator'),
  ...artifactFields,
  /** Width of z. */
  latentDim: z.number().int().positive(),
  /** Distribution of z. */
  prior: z.literal('normal'),
  /** Whether the generator takes a one-hot label as its second input. */
  conditional: z.boolean(),
  /** Encoding of the label input, or null without one. */
  labelInput: z.literal('one-hot').nullable(),
  /** The categorical code read from z, if any. */
  latentCode: latentCodeSchema.optional(),
  /** How the GAN was trained. */
  training: ganTrainingSchema,
  /** Timeline snapshots: the training step of these weights. */
  timelineStep: count.optional(),
  /** Written only by `npm run eval` (kept by the exporter while the weights are unchanged). */
  metrics: generatorMetricsSchema.optional(),
});

/** card.json of a discriminator published for the islands (its GAN's training block). */
export const discriminatorCardSchema = z.strictObject({
  /** Model kind. */
  kind: z.literal('discriminator'),
  ...artifactFields,
  /** How the GAN was trained. */
  training: ganTrainingSchema,
});

/** How the classifier was trained; written by `models/classifier/train.node.ts`. */
export const classifierTrainingSchema = z.strictObject({
  /** Training data in words. */
  data: z.string().min(1),
  /** Passes over the training set. */
  epochs: z.number().int().positive(),
  /** Images per batch. */
  batch: z.number().int().positive(),
  /** Optimiser steps. */
  steps: count,
  /** Optimiser and loss in words. */
  optimizer: z.string().min(1),
  /** Learning rate per epoch. */
  learningRates: z.array(finite.positive()),
  /** Seed of the initialisers, dropout and data order. */
  seed: count,
  /** Seconds of training. */
  wallTimeSeconds: count,
  /** The machine it trained on. */
  hardware: z.string().min(1),
  /** TF.js backend and kernels. */
  backend: z.string().min(1),
  /** Per epoch: learning rate, loss, accuracies and seconds. */
  history: z.array(
    z.strictObject({
      /** 1-based epoch. */
      epoch: z.number().int().positive(),
      /** Its learning rate. */
      lr: finite.positive(),
      /** Mean training loss. */
      loss: finite.nonnegative(),
      /** Mean training accuracy. */
      trainAccuracy: finite.min(0).max(1),
      /** Test accuracy after the epoch. */
      testAccuracy: finite.min(0).max(1),
      /** Seconds the epoch took. */
      seconds: finite.nonnegative(),
    }),
  ),
  /** Test accuracy of the float32 weights. */
  testAccuracyFloat32: finite.min(0).max(1),
  /** Test accuracy of the shipped (quantised) weights. */
  testAccuracyFloat16: finite.min(0).max(1),
});

/** card.json of the MNIST classifier. */
export const classifierCardSchema = z.strictObject({
  /** Model kind. */
  kind: z.literal('classifier'),
  ...artifactFields,
  /** Name of the layer whose activations are the Fréchet features. */
  featureLayer: z.string().min(1),
  /** Width of that layer. */
  featureDim: z.number().int().positive(),
  /** How it was trained. */
  training: classifierTrainingSchema,
  /** Written only by `npm run eval`. */
  metrics: classifierMetricsSchema.optional(),
});

/** Any card.json. */
export const modelCardSchema = z.discriminatedUnion('kind', [generatorCardSchema, classifierCardSchema, discriminatorCardSchema]);

export type ModelCard = z.infer<typeof modelCardSchema>;
export type GeneratorCard = z.infer<typeof generatorCardSchema>;
export type ClassifierCard = z.infer<typeof classifierCardSchema>;
export type DiscriminatorCard = z.infer<typeof discriminatorCardSchema>;
export type GanTraining = z.infer<typeof ganTrainingSchema>;
export type CardQuantization = z.infer<typeof quantizationSchema>;
export type GeneratorMetrics = z.infer<typeof generatorMetricsSchema>;
export type ClassifierMetrics = z.infer<typeof classifierMetricsSchema>;
export type Memorisation = z.infer<typeof memorisationSchema>;
/** The fields every `npm run eval` result records about the run itself (not the model). */
export type EvaluationRecord = Pick<GeneratorMetrics, keyof typeof evaluationFields>;
/** What a generator evaluation measures, before the run's own record is added. */
export type GeneratorResults = Omit<GeneratorMetrics, keyof typeof evaluationFields>;
/** What the classifier evaluation measures, before the run's own record is added. */
export type ClassifierResults = Omit<ClassifierMetrics, keyof typeof evaluationFields>;
export type Compression = z.infer<typeof compressionSchema>;

/** The card's problems as "field.path: message" lines, or the parsed card. */
export function parseCard(value: unknown, where: string): ModelCard {
  const result = modelCardSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(card)'}: ${i.message}`);
  throw new Error(`${where} is not a valid model card (schema: models/artifact/card-schema.ts):\n  ${lines.join('\n  ')}`);
}
