/** Bad input to `npm run eval`: a clear message and a non-zero exit, before any heavy work. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['models/eval/eval.node.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('eval CLI', () => {
  it('rejects an unknown model name with usage and exit code 2', () => {
    const r = run('stylegan');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected one model name out of dcgan, cgan, classifier, dcgan-plain');
    expect(r.stderr).toContain('usage: npm run eval');
  });

  it('rejects a bad flag value and an unknown flag', () => {
    expect(run('dcgan', '--samples', 'many').status).toBe(2);
    const r = run('dcgan', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bogus/);
  });

  it('fails with a clear message when the artifact folder has no card', () => {
    const r = run('dcgan', '--artifact', 'tests/no-such-folder');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no model card at .*no-such-folder/);
  });
});
