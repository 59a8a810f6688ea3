/**
 * The arithmetic behind two claims of the DCGAN article, in plain numbers:
 *
 * - how many input positions a transposed convolution adds into each output position
 *   (Odena, Dumoulin & Olah 2016): even when the kernel size is a multiple of the stride,
 *   uneven (a checkerboard) otherwise;
 * - how far the midpoint of a straight line between two latents falls inside the shell
 *   where N(0, I) draws live (White 2016).
 *
 * The article shows the regions below; tests/unit/articles/dcgan.test.ts checks every
 * number the prose states, and checks the counts against TF.js's own conv2dTranspose.
 */

// #region overlap-1d
/**
 * Coverage of a 1-D transposed convolution: input position i "paints" the kernel-wide
 * window starting at output position i·stride, so output position o receives one term
 * from every i with i·stride ≤ o < i·stride + kernel.
 * @returns for each of the (n − 1)·stride + kernel output positions, the number of terms
 */
export function overlapCounts(inputLength: number, kernel: number, stride: number): number[] {
  const outputLength = (inputLength - 1) * stride + kernel;
  const counts = new Array<number>(outputLength).fill(0);
  for (let i = 0; i < inputLength; i++) {
    for (let k = 0; k < kernel; k++) counts[i * stride + k]! += 1;
  }
  return counts;
}

/** In two dimensions the counts of the two axes multiply: rows × columns. */
export function overlapCounts2d(inputLength: number, kernel: number, stride: number): number[][] {
  const line = overlapCounts(inputLength, kernel, stride);
  return line.map((row) => line.map((column) => row * column));
}
// #endregion overlap-1d

// #region overlap-same
/**
 * The same counts after `padding: 'same'` (TF.js, Keras): the output is inputLength·stride
 * long, and the (kernel − stride) extra positions are cropped, the smaller half at the start.
 */
export function overlapCountsSame(inputLength: number, kernel: number, stride: number): number[] {
  const crop = Math.max(kernel - stride, 0);
  const before = Math.floor(crop / 2);
  return overlapCounts(inputLength, kernel, stride).slice(before, before + inputLength * stride);
}
// #endregion overlap-same

// #region overlap-example
const evenOverlap = overlapCounts(4, 4, 2); // [1, 1, 2, 2, 2, 2, 2, 2, 1, 1]
const unevenOverlap = overlapCounts(4, 3, 2); // [1, 1, 2, 1, 2, 1, 2, 1, 1]
const unevenIn2d = overlapCounts2d(4, 3, 2)[4]!.slice(2, 6); // [4, 2, 4, 2]: rows alternate 4, 2, … and 2, 1, …
const shippedLayer = overlapCountsSame(7, 4, 2); // 7 → 14: [1, 2, 2, …, 2, 1]
// #endregion overlap-example

export const examples = { evenOverlap, unevenOverlap, unevenIn2d, shippedLayer };

// #region latent-norms
/**
 * For z0, z1 ~ N(0, I_d) independent, E‖z‖² = d, while the straight-line midpoint
 * (z0 + z1)/2 has E‖·‖² = (d + d)/4 = d/2: its typical length is 1/√2 of a draw's.
 */
export function midpointLengthRatio(): number {
  return Math.sqrt(1 / 2);
}

/** Euclidean length of a vector. */
export function norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}
// #endregion latent-norms
