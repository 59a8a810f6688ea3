/**
 * Parser for the IDX format of the MNIST files (LeCun et al.): a big-endian header
 * `0x00 0x00 <type> <rank>`, then `rank` uint32 dimension sizes, then the data.
 * Isomorphic: works on any Uint8Array. Only unsigned-byte data (type 0x08) is supported,
 * which is what MNIST uses.
 */

/** A parsed IDX file: `dims` e.g. [60000, 28, 28]; `data` is a view into the input. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/**
 * @param bytes the raw (already decompressed) file contents
 * @throws Error with a readable message if the header or the length is wrong
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error(`IDX: file too short (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error('IDX: bad magic number (first two bytes must be 0)');
  const type = bytes[2];
  const rank = bytes[3] ?? 0;
  if (type !== UNSIGNED_BYTE) throw new Error(`IDX: unsupported data type 0x${(type ?? 0).toString(16)} (only ubyte 0x08)`);
  if (rank < 1) throw new Error('IDX: rank must be at least 1');
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw new Error('IDX: truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerLength + size) {
    throw new Error(`IDX: expected ${headerLength + size} bytes for dims [${dims.join(', ')}], found ${bytes.length}`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Serialises unsigned bytes as an IDX file (used for test fixtures). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new Error(`encodeIdx: dims [${dims.join(', ')}] need ${size} values, got ${data.length}`);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/**
 * Scales MNIST bytes 0..255 to floats in [-1, 1] (the range of a tanh generator).
 * @returns Float32Array of the same length
 */
export function bytesToUnitRange(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ((bytes[i] ?? 0) / 255) * 2 - 1;
  return out;
}
