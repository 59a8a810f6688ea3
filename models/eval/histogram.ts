/**
 * Class histogram of classifier predictions: what fraction of generated samples
 * the project's classifier assigns to each digit. A mode-collapsed GAN shows up
 * here as a few classes holding most of the mass.
 */

/**
 * @param predictions predicted class per sample, integers in [0, numClasses)
 * @param numClasses number of classes (10 for MNIST)
 * @returns fraction of samples per class, length numClasses, summing to 1
 *   (all zeros when there are no predictions)
 */
export function classHistogram(predictions: ArrayLike<number>, numClasses = 10): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < predictions.length; i++) {
    const c = predictions[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new RangeError(`classHistogram: prediction ${c} at ${i} is not a class in [0, ${numClasses})`);
    }
    counts[c]! += 1;
  }
  const n = predictions.length;
  return counts.map((k) => (n === 0 ? 0 : k / n));
}

/**
 * Fraction of positions where two label arrays agree, e.g. the digit a
 * conditional generator was asked for versus the digit the classifier sees.
 */
export function agreement(requested: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (requested.length !== predicted.length) {
    throw new RangeError(`agreement: ${requested.length} requested labels vs ${predicted.length} predictions`);
  }
  if (requested.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < requested.length; i++) if (requested[i] === predicted[i]) same++;
  return same / requested.length;
}

/**
 * Balanced labels for a conditional evaluation: 0, 1, …, numClasses-1, 0, 1, …
 * so every digit is requested equally often (±1).
 */
export function balancedLabels(n: number, numClasses = 10): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = i % numClasses;
  return labels;
}
