/**
 * `npm run import -- <file...> [--as post|qa] [--post <post-id>] [--series "Name"] [--dry-run]`
 *
 * Converts posts written for other generators (Hugo TOML, YAML, a fenceless
 * `key: value` header, or plain Markdown) into this site's posts or Q&A sets,
 * and prints a report per file: the fields mapped, what was dropped or changed,
 * and what a writer should review. It never overwrites a file, and a file that
 * fails writes nothing. Exit status: 0 if every file imported, 1 otherwise, 2 on
 * bad arguments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AUTHOR } from '../lib/site.ts';
import type { Finding } from './import/clean-text.ts';
import { ImportError } from './import/header.ts';
import { describeHeader, planImport, type ImportOptions, type ImportPlan } from './import/import-file.ts';

const USAGE = `usage: npm run import -- <file...> [--as post|qa] [--post <post-id>] [--series "Name"] [--dry-run]

  --as post|qa   what each file becomes (default: a Q&A set when the file has
                 Preview / Explain / Key points / Review sections, else a post)
  --post ID      the post a Q&A set belongs to (required for Q&A)
  --series NAME  put imported posts in this series; Hugo's \`weight\` becomes \`order\`
  --dry-run      print the report and what would be written; write nothing`;

const place = (f: Finding) => (f.line ? ` (line ${f.line})` : '');

function report(plan: ImportPlan, dryRun: boolean): string {
  const lines = [`${plan.source}: ${describeHeader(plan.format)} → ${plan.as === 'post' ? 'a post' : 'a Q&A set'}`];
  if (plan.mapped.length) lines.push(`  mapped:  ${plan.mapped.join('; ')}`);
  if (plan.dropped.length) lines.push(`  dropped: ${plan.dropped.join(', ')} (no place in the schema)`);
  for (const f of plan.findings.filter((x) => x.kind === 'changed')) lines.push(`  changed: ${f.message}${place(f)}`);
  for (const f of plan.findings.filter((x) => x.kind === 'review')) lines.push(`  review:  ${f.message}${place(f)}`);
  for (const file of plan.files) lines.push(`  ${dryRun ? 'would write' : 'wrote'} ${file.path}`);
  return lines.join('\n');
}

export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        post: { type: 'string' },
        series: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0 || (values.as !== undefined && values.as !== 'post' && values.as !== 'qa')) {
    console.error(`${positionals.length === 0 ? 'no files given' : `--as must be post or qa, not "${values.as}"`}\n\n${USAGE}`);
    return 2;
  }
  const options: ImportOptions = {
    root,
    as: (values.as as 'post' | 'qa' | undefined) ?? 'auto',
    post: values.post,
    series: values.series,
    defaultAuthor: DEFAULT_AUTHOR,
    today: new Date(),
  };
  const dryRun = values['dry-run'];
  const written = new Set<string>();
  let failures = 0;
  for (const file of positionals) {
    const source = resolve(root, file);
    try {
      const plan = await planImport(source, options);
      // Two sources in one run must not become the same file either.
      const repeat = plan.files.find((f) => written.has(f.path));
      if (repeat) throw new ImportError(`${repeat.path} is also the target of an earlier file in this run; nothing was overwritten`);
      if (!dryRun) {
        for (const f of plan.files) {
          mkdirSync(dirname(join(root, f.path)), { recursive: true });
          writeFileSync(join(root, f.path), f.content, { flag: 'wx' });
        }
      }
      for (const f of plan.files) written.add(f.path);
      console.log(report({ ...plan, source: file }, dryRun));
      if (dryRun) for (const f of plan.files) console.log(`\n----- ${f.path}\n${f.content}`);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      failures += 1;
      console.error(`${file}${error.line ? `:${error.line}` : ''}: ${error.message}; nothing was written for this file`);
    }
  }
  return failures > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
