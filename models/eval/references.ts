/**
 * What every evaluation is measured against: the classifier's feature Gaussian of the MNIST
 * test set, and the Fréchet floor (training images vs test images).
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { MnistSet } from '../data/mnist.node.ts';
import { FEATURE_DIM } from '../classifier/model.ts';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet.ts';
import { classify, pick, sampleIndices } from './sampling.ts';

/** The MNIST sets an evaluation reads (train: σ selection and the floor; test: the reference). */
export interface EvalData {
  readonly train: MnistSet;
  readonly test: MnistSet;
}

export interface References {
  /** Gaussian of the classifier features of the test images. */
  readonly testStats: GaussianStats;
  /** The classifier's prediction for each test image. */
  readonly testPredictions: Int32Array;
  /** Fréchet distance of `floorImages` training images (seeded choice) to the test set. */
  readonly floor: number;
  readonly floorImages: number;
}

/** Test-set statistics and the floor, with `floorImages` training images chosen by `seed`. */
export async function measureReferences(
  classifier: tfl.LayersModel,
  data: EvalData,
  floorImages: number,
  seed: number,
): Promise<References> {
  const testOut = await classify(classifier, data.test.images, data.test.count);
  const testStats = gaussianStats(testOut.features, FEATURE_DIM);
  const floorIdx = sampleIndices(data.train.count, Math.min(floorImages, data.train.count), `floor-${seed}`);
  const floorStats = gaussianStats((await classify(classifier, pick(data.train, floorIdx), floorIdx.length)).features, FEATURE_DIM);
  return { testStats, testPredictions: testOut.predictions, floor: frechetDistance(floorStats, testStats), floorImages: floorIdx.length };
}
