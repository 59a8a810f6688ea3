/**
 * Turning generator output into a picture. Shared by the worker (live canvas) and the build
 * (static fallback PNG), so both draw a given tensor identically.
 */

/** Side of one MNIST-sized sample in pixels. */
export const TILE = 28;
/** Gap between tiles, in pixels. */
export const GAP = 2;

/** Columns for a grid of n samples: a near-square, at most 10 wide (a conditional row is 10). */
export function gridColumns(n: number): number {
  return Math.max(1, Math.min(10, Math.ceil(Math.sqrt(n))));
}

/**
 * @param values [n, 28, 28, 1] in [-1, 1], row-major (what `tensor.data()` returns)
 * @param columns tiles per row
 * @returns RGBA pixels, white ink on black like MNIST, gaps in the background colour
 */
export function tilesToRgba(
  values: ArrayLike<number>,
  n: number,
  columns = gridColumns(n),
): { data: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } {
  const rows = Math.ceil(n / columns);
  const width = columns * TILE + (columns - 1) * GAP;
  const height = rows * TILE + (rows - 1) * GAP;
  const data = new Uint8ClampedArray(width * height * 4);
  // Gaps: a mid grey that reads as "between samples" on both light and dark pages.
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = 96;
    data[i + 3] = 255;
  }
  for (let k = 0; k < n; k++) {
    const x0 = (k % columns) * (TILE + GAP);
    const y0 = Math.floor(k / columns) * (TILE + GAP);
    for (let y = 0; y < TILE; y++) {
      for (let x = 0; x < TILE; x++) {
        const v = values[k * TILE * TILE + y * TILE + x] ?? -1;
        const byte = Math.round((Math.min(1, Math.max(-1, v)) + 1) * 127.5);
        const o = ((y0 + y) * width + x0 + x) * 4;
        data[o] = data[o + 1] = data[o + 2] = byte;
      }
    }
  }
  return { data, width, height };
}
