/** Card helpers: the eval tool rewrites only its metrics block and never the file hashes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256OfFile } from '../../../models/artifact/sha256.node.ts';
import {
  METRICS_END,
  METRICS_START,
  verifyCardFiles,
  writeCardDescription,
  writeMetricsSection,
} from '../../../models/artifact/card.node.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'card-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('card.md metrics block', () => {
  it('appends a block once, then replaces only the block', () => {
    writeFileSync(path.join(dir, 'card.md'), '# Model\n\nDescription.\n');
    writeMetricsSection(dir, 'first');
    writeMetricsSection(dir, 'second');
    const md = readFileSync(path.join(dir, 'card.md'), 'utf8');
    expect(md.startsWith('# Model\n\nDescription.\n')).toBe(true);
    expect(md.split(METRICS_START)).toHaveLength(2);
    expect(md).toContain('second');
    expect(md).not.toContain('first');
    expect(md.trimEnd().endsWith(METRICS_END)).toBe(true);
  });

  it('a new description keeps the metrics block', () => {
    writeMetricsSection(dir, 'kept figures');
    writeCardDescription(dir, '# New description');
    const md = readFileSync(path.join(dir, 'card.md'), 'utf8');
    expect(md.startsWith('# New description')).toBe(true);
    expect(md).toContain('kept figures');
  });
});

describe('verifyCardFiles', () => {
  it('accepts matching hashes and names a changed or missing file', () => {
    writeFileSync(path.join(dir, 'model.json'), '{}');
    const card = { files: { 'model.json': sha256OfFile(path.join(dir, 'model.json')), 'shard.bin': '00' } };
    expect(verifyCardFiles(dir, card)).toEqual(['shard.bin: missing']);
    writeFileSync(path.join(dir, 'shard.bin'), 'x');
    expect(verifyCardFiles(dir, card)).toEqual(['shard.bin: SHA-256 differs from the card']);
    card.files['shard.bin'] = sha256OfFile(path.join(dir, 'shard.bin'));
    expect(verifyCardFiles(dir, card)).toEqual([]);
  });
});
