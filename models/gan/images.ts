/**
 * Image helpers: generator output in [-1, 1] to bytes, and batches to one grid image.
 */

/**
 * Maps values in [-1, 1] to bytes 0..255 (clamped, rounded).
 * @param values e.g. a generator output [n, 28, 28, 1] flattened
 */
export function unitRangeToUint8(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = ((values[i] ?? 0) + 1) * 127.5;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return out;
}

/** A single-channel image, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  /** [height, width] bytes */
  data: Uint8Array;
}

/**
 * Tiles `count` single-channel images into a grid, `columns` per row, `gap` pixels apart.
 * @param pixels [count, height, width] bytes (a [count, h, w, 1] tensor's data works as is)
 */
export function tileGrid(
  pixels: Uint8Array,
  count: number,
  height: number,
  width: number,
  columns: number,
  gap = 2,
  background = 0,
): GrayImage {
  if (pixels.length < count * height * width) throw new Error('tileGrid: not enough pixels');
  const rows = Math.ceil(count / columns);
  const gw = columns * width + (columns + 1) * gap;
  const gh = rows * height + (rows + 1) * gap;
  const data = new Uint8Array(gw * gh).fill(background);
  for (let k = 0; k < count; k++) {
    const ox = gap + (k % columns) * (width + gap);
    const oy = gap + Math.floor(k / columns) * (height + gap);
    for (let y = 0; y < height; y++) {
      const src = (k * height + y) * width;
      data.set(pixels.subarray(src, src + width), (oy + y) * gw + ox);
    }
  }
  return { width: gw, height: gh, data };
}
