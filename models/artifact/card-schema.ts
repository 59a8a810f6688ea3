/**
 * The one schema of a model card, `card.json`: what the trainer, exporter and eval tool write
 * and what the site, its islands, the articles' card values and the tests read. Discriminated
 * on `kind` (generator, classifier, discriminator). Objects are strict, so a field that is not
 * declared here is an error on read and on write: add it here first, with its JSDoc line.
 *
 * Isomorphic (no Node imports): the page imports only the inferred types (see
 * src/runtime/model-loader.ts for why), Node code validates with `parseCard`. The parts live in
 * storage-schema.ts (quantisation, compression) and metrics-schema.ts (eval results); import
 * from this file.
 */
import { z } from 'astro/zod';
import { count, finite, sha256Hex } from './card-fields.ts';
import { classifierMetricsSchema, generatorMetricsSchema, type evaluationFields, type memorisationSchema } from './metrics-schema.ts';
import { compressionSchema, quantizationSchema } from './storage-schema.ts';

export { classifierMetricsSchema, generatorMetricsSchema, memorisationSchema } from './metrics-schema.ts';
export { compressionSchema, quantizationSchema } from './storage-schema.ts';

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
  startedAt: z.iso.datetime(),
  /** When the exported checkpoint was written (ISO 8601). */
  checkpointSavedAt: z.iso.datetime(),
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
  /** Conditional generators with sub-clusters: offsets per requested class, one row of `size` per class. */
  offsetsPerClass: z.array(z.array(finite)).optional(),
  /** How the code learnt its meaning, in words. */
  training: z.string().min(1),
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
