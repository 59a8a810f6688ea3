/** The card's `metrics`: what `npm run eval` measures and records (part of card-schema.ts). */
import { z } from 'astro/zod';
import { count, finite, measured, sha256Hex } from './card-fields.ts';

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
export const evaluationFields = {
  /** Quality bars and verdicts. */
  bars: z.array(barSchema),
  /** The command that wrote these metrics. */
  evaluatedBy: z.string().min(1),
  /** When (ISO 8601). */
  evaluatedAt: z.iso.datetime(),
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
