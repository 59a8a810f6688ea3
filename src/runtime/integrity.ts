import { RuntimeError } from './errors.ts';

/** Lower-case hex SHA-256, the form card.json `files` uses. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Throws unless `bytes` hashes to the card's entry for `name`. A file the card does not list is
 * refused too: the card is the only thing that says which bytes we meant to ship.
 */
export async function verifyFile(name: string, bytes: Uint8Array<ArrayBuffer>, files: Readonly<Record<string, string>>): Promise<void> {
  const expected = files[name];
  if (!expected) throw new RuntimeError('format', `The model card lists no checksum for ${name}; refusing to use it.`);
  const actual = await sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new RuntimeError(
      'checksum',
      `The model file ${name} is corrupt: its SHA-256 (${actual.slice(0, 12)}…) does not match the model card (${expected.slice(0, 12)}…).`,
    );
  }
}
