import { describe, expect, it } from 'vitest';
import { extractRegion, languageOf, readSourceRegion } from '../../../src/lib/source-region.ts';

const SOURCE = [
  'import x from "y";',
  '// #region outer',
  'export function f() {',
  '  // #region inner',
  '  return 1;',
  '  // #endregion inner',
  '}',
  '// #endregion outer',
  'class A {',
  '    // #region method',
  '    m() {',
  '      return 2;',
  '    }',
  '    // #endregion',
  '}',
].join('\n');

describe('source regions', () => {
  it('extracts a region without its markers or nested markers', () => {
    expect(extractRegion(SOURCE, 'outer')).toBe('export function f() {\n  return 1;\n}');
    expect(extractRegion(SOURCE, 'inner')).toBe('return 1;');
  });

  it('removes common indentation and accepts an unnamed #endregion', () => {
    expect(extractRegion(SOURCE, 'method')).toBe('m() {\n  return 2;\n}');
  });

  it('fails on a missing region, naming the file and the regions it has', () => {
    expect(() => extractRegion(SOURCE, 'nope', 'a.ts')).toThrow('a.ts: no "// #region nope" (regions in this file: outer, inner, method)');
  });

  it('fails on an unterminated or mismatched region', () => {
    expect(() => extractRegion('// #region a\nx', 'a', 'b.ts')).toThrow('b.ts: region "a" has no "// #endregion"');
    expect(() => extractRegion('// #region a\nx\n// #endregion b', 'a')).toThrow('closed by "#endregion b"');
  });

  it('reads real files relative to the repository and fails on a missing file', () => {
    expect(readSourceRegion('content/posts/gan-minimax-game/optimal-discriminator.ts', 'example')).toContain('valueAtOptimum(pData, pG)');
    expect(() => readSourceRegion('no/such/file.ts', 'x')).toThrow('no/such/file.ts: file not found');
    expect(() => readSourceRegion('../outside.ts', 'x')).toThrow('inside the repository');
  });

  it('maps extensions to languages', () => {
    expect(languageOf('a/b.ts')).toBe('ts');
    expect(languageOf('x.mjs')).toBe('js');
    expect(languageOf('train.py')).toBe('python');
  });
});
