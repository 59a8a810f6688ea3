/** The card's description of how weights are stored and compressed (part of card-schema.ts). */
import { z } from 'astro/zod';
import { count, finite } from './card-fields.ts';

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
  /** Mean absolute output difference from the uncompressed model on the same inputs. */
  meanAbsPixelError: finite.nonnegative().optional(),
  /** What the output differences were measured on. */
  checkedOn: z.string().min(1).optional(),
  /** Bytes of model.json + shard before compression. */
  bytesBefore: count.optional(),
  /** Low rank: share of the kernel's squared Frobenius norm the factors keep. */
  retainedEnergy: finite.min(0).max(1).optional(),
  /** The source model's headline metrics (its card's, before compression), for the 2 % comparison. */
  sourceMetrics: z
    .strictObject({
      /** Fréchet distance of classifier features to the test set. */
      frechet: finite.nonnegative(),
      /** That distance over the floor. */
      frechetRatioToFloor: finite.nonnegative(),
      /** Parzen-window log-likelihood of the test set, nats. */
      parzenNats: finite,
      /** Share of samples per digit. */
      classHistogram: z.array(finite.min(0).max(1)),
      /** Conditional models: classifier agreement with the requested digit. */
      agreement: finite.min(0).max(1).optional(),
      /** When the source was evaluated (ISO 8601). */
      evaluatedAt: z.iso.datetime(),
    })
    .optional(),
  /** Every rank × storage measured before choosing (models/artifact/compress.node.ts measure). */
  candidates: z
    .array(
      z.strictObject({
        /** Rank of the factorised kernel; null when not factorised. */
        rank: count.nullable(),
        /** Weight storage. */
        quantization: z.enum(['none', 'float16', 'uint8']),
        /** Weights. */
        params: count,
        /** Bytes of model.json + shard. */
        bytes: count,
        /** Largest absolute output difference from the source on fixed inputs. */
        maxAbsPixelError: finite.nonnegative(),
        /** Mean absolute output difference from the source. */
        meanAbsPixelError: finite.nonnegative(),
        /** Fréchet distance on the same seeded latents as the source's. */
        frechet: finite.nonnegative(),
        /** frechet / the source's − 1. */
        frechetChange: finite,
        /** Largest absolute change of a digit's share of samples. */
        histogramMaxChange: finite.nonnegative(),
        /** Conditional models: agreement with the requested digit. */
        agreement: finite.min(0).max(1).optional(),
        /** Low rank: share of the kernel's squared Frobenius norm kept. */
        retainedEnergy: finite.min(0).max(1).optional(),
      }),
    )
    .optional(),
});
