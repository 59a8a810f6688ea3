/**
 * Code shown in an article is code that runs: posts pull it from real source
 * files by named region,
 *
 *     // #region name
 *     …
 *     // #endregion name        (the name after #endregion is optional)
 *
 * Markers of other regions inside the extracted one are dropped; the common
 * indentation is removed. A missing file or region throws, failing the build.
 */
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';

const START = /^\s*(?:\/\/|#|<!--|\/\*)\s*#region\s+([\w.-]+)/;
const END = /^\s*(?:\/\/|#|<!--|\/\*)\s*#endregion\b\s*([\w.-]*)/;

export class SourceRegionError extends Error {
  override name = 'SourceRegionError';
}

/** The lines of region `name` in `source`, without markers, dedented. `file` is for messages. */
export function extractRegion(source: string, name: string, file = '<source>'): string {
  const lines = source.split(/\r?\n/);
  const startIndex = lines.findIndex((line) => START.exec(line)?.[1] === name);
  if (startIndex === -1) {
    const available = lines.flatMap((line) => START.exec(line)?.[1] ?? []);
    throw new SourceRegionError(`${file}: no "// #region ${name}" (regions in this file: ${available.join(', ') || 'none'})`);
  }
  const body: string[] = [];
  let depth = 0;
  for (const line of lines.slice(startIndex + 1)) {
    if (START.test(line)) {
      depth++;
      continue;
    }
    const end = END.exec(line);
    if (end) {
      if (depth === 0) {
        if (end[1] && end[1] !== name) {
          throw new SourceRegionError(`${file}: region "${name}" is closed by "#endregion ${end[1]}"`);
        }
        return dedent(body).join('\n');
      }
      depth--;
      continue;
    }
    body.push(line);
  }
  throw new SourceRegionError(`${file}: region "${name}" has no "// #endregion"`);
}

function dedent(lines: string[]): string[] {
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

/** Shiki language for a file extension. */
export function languageOf(file: string): string {
  const ext = extname(file).slice(1);
  return { mts: 'ts', cts: 'ts', mjs: 'js', cjs: 'js', py: 'python', sh: 'bash', yml: 'yaml' }[ext] ?? ext;
}

/**
 * Read region `name` of `file` (a path relative to the repository root, which
 * must stay inside it). astro.config.mjs sets MINIMAX_REPO_ROOT, so builds with
 * `--root` (test fixtures) still read the repository's files.
 */
export function readSourceRegion(file: string, name: string, root = process.env['MINIMAX_REPO_ROOT'] ?? process.cwd()): string {
  const path = resolve(root, file);
  const rel = relative(root, path);
  if (isAbsolute(file) || rel.startsWith('..')) {
    throw new SourceRegionError(`${file}: source files must be inside the repository`);
  }
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new SourceRegionError(`${file}: file not found (looked for ${path})`);
  }
  return extractRegion(source, name, rel);
}
