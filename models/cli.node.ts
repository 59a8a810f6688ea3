/**
 * What every command-line tool under models/ shares: the usage error (exit code 2), the
 * repository root, the machine description cards record, and the `main` runner that turns
 * errors into one line on stderr and an exit code.
 */
import { cpus } from 'node:os';
import path from 'node:path';

/** Bad command-line input: the tool prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** The repository root (this file lives in models/). */
export function repoRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
}

/** The machine, as model cards record it: "AMD EPYC (2 logical cores)". */
export function hardwareDescription(): string {
  const c = cpus();
  return `${c[0]?.model.trim() ?? 'unknown CPU'} (${c.length} logical cores)`;
}

/** Whether `moduleUrl` (a tool's `import.meta.url`) is the script Node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(moduleUrl).pathname);
}

/**
 * Runs a tool's `main` and exits with its code: 2 and the usage for a UsageError, 1 with the
 * message for any other error. `process.exit`, because the WASM runtime's handlers would
 * otherwise keep the process alive or swallow the error.
 */
export function runCli(tool: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) {
        process.stderr.write(`${tool}: ${e.message}\n${usage}\n`);
        process.exit(2);
      }
      process.stderr.write(`${tool}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
