/**
 * The seed in the URL hash, so a reader can share exactly the samples they saw:
 * `#sample-grid=7` (several islands share the hash as `a=1&b=2`).
 */

/** @returns the seed stored under `key`, or null when absent or not a uint32 */
export function seedFromHash(hash: string, key: string): number | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(key);
  if (value === null || !/^\d{1,10}$/.test(value)) return null;
  const seed = Number(value);
  return seed <= 0xffffffff ? seed : null;
}

/** @returns the hash with `key` set to `seed` and every other entry kept */
export function hashWithSeed(hash: string, key: string, seed: number): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set(key, String(seed));
  return `#${params.toString()}`;
}
