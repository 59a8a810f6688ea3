/**
 * The MNIST classifier used to evaluate the GANs: a small CNN whose penultimate
 * dense layer ("features") is the feature space of the Fréchet distance, and
 * whose predictions give the class histogram and the conditional agreement.
 *
 * Isomorphic: imports only tfjs-core/-layers; trained in Node by train.node.ts,
 * loaded in the page with stock tf.loadLayersModel.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Name of the penultimate dense layer whose activations are the evaluation features. */
export const FEATURE_LAYER = 'features';
/** Width of the feature layer (the dimension of the Fréchet-distance Gaussians). */
export const FEATURE_DIM = 128;
export const NUM_CLASSES = 10;

export interface ClassifierOptions {
  /** Seed of every weight initialiser and of dropout (default 0). */
  readonly seed?: number;
  /** Filters of the two conv layers (default [16, 32]). */
  readonly filters?: readonly [number, number];
  /** Dropout rate before the softmax layer (default 0.25); inactive at inference. */
  readonly dropout?: number;
}

// #region classifier
/**
 * Builds the classifier: conv 3×3 → max-pool → conv 3×3 → max-pool → dense 128
 * ("features") → dropout → dense 10 softmax.
 *
 * input [N, 28, 28, 1] in [-1, 1] (the generators' output range);
 * @returns a LayersModel with output [N, 10] class probabilities (softmax)
 */
export function buildClassifier(options: ClassifierOptions = {}): tfl.LayersModel {
  const seed = options.seed ?? 0;
  const [f1, f2] = options.filters ?? [16, 32];
  const init = (k: number) => tfl.initializers.heNormal({ seed: seed * 100 + k });
  const model = tfl.sequential({ name: 'mnist_classifier' });
  model.add(
    tfl.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: f1,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
      name: 'conv1',
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  model.add(
    tfl.layers.conv2d({
      filters: f2,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(2),
      name: 'conv2',
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }));
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(
    tfl.layers.dense({
      units: FEATURE_DIM,
      activation: 'relu',
      kernelInitializer: init(3),
      name: FEATURE_LAYER,
    }),
  );
  model.add(tfl.layers.dropout({ rate: options.dropout ?? 0.25, seed: seed * 100 + 4, name: 'dropout' }));
  model.add(
    tfl.layers.dense({
      units: NUM_CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 100 + 5 }),
      name: 'probs',
    }),
  );
  return model;
}
// #endregion classifier

/**
 * A model sharing the classifier's layers that outputs the feature layer.
 * Works on a freshly built classifier and on one loaded with tf.loadLayersModel
 * (layer names survive serialisation).
 * @returns LayersModel: [N, 28, 28, 1] in [-1, 1] → [N, FEATURE_DIM] (ReLU, ≥ 0)
 */
export function featureExtractor(classifier: tfl.LayersModel): tfl.LayersModel {
  const layer = classifier.getLayer(FEATURE_LAYER);
  return tfl.model({ inputs: classifier.inputs, outputs: layer.output as tfl.SymbolicTensor, name: 'classifier_features' });
}

/**
 * Maps MNIST bytes 0..255 to the classifier's input range [-1, 1].
 * @param pixels [N, 28, 28, 1] (or any shape) of 0..255
 */
export function bytesToInput(pixels: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.div(tf.cast(pixels, 'float32'), 127.5), 1));
}

/**
 * Class predictions and feature vectors of a batch of images, in chunks so a
 * 10,000-image set does not hold every activation at once.
 * @param images [N, 28, 28, 1] in [-1, 1]
 * @returns predicted class per image (argmax of softmax) and [N, FEATURE_DIM] features, row-major
 */
export async function classifyWithFeatures(
  classifier: tfl.LayersModel,
  images: tf.Tensor4D,
  batchSize = 500,
): Promise<{ predictions: Int32Array; features: Float32Array }> {
  const n = images.shape[0];
  const both = tfl.model({
    inputs: classifier.inputs,
    outputs: [classifier.getLayer(FEATURE_LAYER).output as tfl.SymbolicTensor, classifier.outputs[0]!],
  });
  const predictions = new Int32Array(n);
  const features = new Float32Array(n * FEATURE_DIM);
  for (let start = 0; start < n; start += batchSize) {
    const b = Math.min(batchSize, n - start);
    const [feat, arg] = tf.tidy(() => {
      const x = tf.slice(images, [start, 0, 0, 0], [b, 28, 28, 1]);
      const [f, p] = both.predict(x) as tf.Tensor[];
      return [f!, tf.argMax(p!, 1)] as const;
    });
    features.set(await feat.data(), start * FEATURE_DIM);
    predictions.set(await arg.data(), start);
    tf.dispose([feat, arg]);
  }
  return { predictions, features };
}
