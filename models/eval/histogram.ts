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
  const n = predictions.length;
  return classCounts(predictions, numClasses).map((k) => (n === 0 ? 0 : k / n));
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

/**
 * Labels in given class proportions, for the Fréchet distance and Parzen estimate of a
 * conditional model: its distribution is p(y) p(x | y), so p(y) must be the data's for a
 * comparison with the test set (balanced labels alone put class-balanced real training images
 * at 2.30 against the test set, where a natural sample of them scores 1.24; models/cgan/experiments.md).
 * Deterministic and stratified: sample i asks for the first class c whose cumulative share
 * exceeds (i + 0.5) / n, so every class gets its share of n to within one sample.
 * @param counts images per class (e.g. of the training set)
 */
export function proportionalLabels(n: number, counts: readonly number[]): Int32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('proportionalLabels: counts must sum to more than 0');
  const labels = new Int32Array(n);
  let c = 0;
  let cumulative = (counts[0] ?? 0) / total;
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    while (u >= cumulative && c < counts.length - 1) cumulative += (counts[++c] ?? 0) / total;
    labels[i] = c;
  }
  return labels;
}

/**
 * Samples (or images) per class of a label array.
 * @throws RangeError naming the first label that is not a class in [0, numClasses)
 */
export function classCounts(labels: ArrayLike<number>, numClasses = 10): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new RangeError(`class counts: label ${c} at ${i} is not a class in [0, ${numClasses})`);
    }
    counts[c]! += 1;
  }
  return counts;
}

/** How one value of a categorical latent code is drawn: its most common digit and that digit's share. */
export interface CodeDigit {
  code: number;
  samples: number;
  /** the digit the classifier sees most often in this code's samples (-1 when none) */
  digit: number;
  share: number;
}

/**
 * How well a categorical latent code (InfoGAN) matches digit classes, though it was never shown
 * a label: per code value, the majority digit among its samples, and overall purity, the
 * fraction of all samples that show their code's majority digit (the "matching categories to
 * digits" measure of Chen et al. 2016, without requiring the mapping to be one-to-one).
 * @param codes code value per sample, integers in [0, numCodes)
 * @param predictions classifier digit per sample
 */
export function codePurity(
  codes: ArrayLike<number>,
  predictions: ArrayLike<number>,
  numCodes: number,
  numClasses = 10,
): { perCode: CodeDigit[]; purity: number; digitsCovered: number } {
  if (codes.length !== predictions.length) throw new RangeError(`codePurity: ${codes.length} codes vs ${predictions.length} predictions`);
  const counts = Array.from({ length: numCodes }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < codes.length; i++) {
    const row = counts[codes[i]!];
    if (row === undefined || !Number.isInteger(codes[i]))
      throw new RangeError(`codePurity: code ${codes[i]} at ${i} is not in [0, ${numCodes})`);
    row[predictions[i]!]! += 1;
  }
  let majority = 0;
  const perCode = counts.map((row, code) => {
    const samples = row.reduce((a, b) => a + b, 0);
    const top = Math.max(...row);
    majority += samples === 0 ? 0 : top;
    return { code, samples, digit: samples === 0 ? -1 : row.indexOf(top), share: samples === 0 ? 0 : top / samples };
  });
  return {
    perCode,
    purity: codes.length === 0 ? 0 : majority / codes.length,
    digitsCovered: new Set(perCode.filter((c) => c.samples > 0).map((c) => c.digit)).size,
  };
}
