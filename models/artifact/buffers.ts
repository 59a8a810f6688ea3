/** Byte plumbing shared by the artifact writers and readers (Node and page). */

/**
 * Concatenates byte chunks (weight shards, quantised tensors) into one ArrayBuffer.
 * A single ArrayBuffer is returned as is.
 */
export function concatBytes(parts: ArrayBuffer | readonly (ArrayBuffer | Uint8Array)[]): ArrayBuffer {
  if (parts instanceof ArrayBuffer) return parts;
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p instanceof Uint8Array ? p : new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out.buffer;
}
