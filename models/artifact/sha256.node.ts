/** SHA-256 (lower-case hex), the form card.json `files` and checkpoints use. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** SHA-256 of bytes or a string. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a file's bytes. */
export function sha256OfFile(file: string): string {
  return sha256Hex(readFileSync(file));
}
