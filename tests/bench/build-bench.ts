/**
 * Cold `astro build` timings of our site and the bare blog with the same N generated posts.
 * For each N both projects are built in alternation (ours, bare, ours, bare, …) so that a
 * change in background load hits both sides of the ratio alike.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { clearBuildCaches, makeBareBlog, makeSiteCopy, REPO_ROOT, WORK_DIR } from './workspace.ts';
import { summarise, type Summary } from './stats.ts';

export interface BuildRun {
  /** wall-clock ms of `astro build`, node start-up included */
  ms: number;
  /** peak resident set size of the largest process of the build (GNU time %M), MiB */
  peakRssMiB: number;
}

export interface BuildComparison {
  posts: number;
  repeats: number;
  ours: { ms: Summary; peakRssMiB: Summary; runs: BuildRun[] };
  bare: { ms: Summary; peakRssMiB: Summary; runs: BuildRun[] };
  /** median(ours) / median(bare), from the same run */
  ratio: number;
}

const ASTRO = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs');
const TIME = '/usr/bin/time';

/**
 * One cold build of the project in `dir` (caches removed first).
 * @throws Error with the build's last output lines when it fails
 */
export async function timedBuild(dir: string, env: Record<string, string> = {}): Promise<BuildRun> {
  clearBuildCaches(dir);
  const timeFile = path.join(dir, '.time');
  rmSync(timeFile, { force: true });
  const useTime = existsSync(TIME);
  // GNU time writes "%e %M" to a file so Astro's own output cannot be mistaken for it.
  const [command, args] = useTime
    ? [TIME, ['-o', timeFile, '-f', '%e %M', process.execPath, ASTRO, 'build']]
    : [process.execPath, [ASTRO, 'build']];
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`astro build failed in ${dir} (exit ${code}):\n${output.join('').split('\n').slice(-30).join('\n')}`);
  let peakRssMiB = Number.NaN;
  if (useTime) {
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [];
    peakRssMiB = Number(fields[1]) / 1024;
  }
  return { ms, peakRssMiB };
}

/** Builds our site and the bare blog with `posts` generated posts, `repeats` times each. */
export async function compareBuilds(posts: number, repeats: number, log: (line: string) => void): Promise<BuildComparison> {
  const ours = makeSiteCopy(`site-${posts}`, posts);
  const bare = makeBareBlog(`bare-${posts}`, posts);
  const runs = { ours: [] as BuildRun[], bare: [] as BuildRun[] };
  for (let r = 0; r < repeats; r++) {
    for (const side of ['ours', 'bare'] as const) {
      const run = await timedBuild(side === 'ours' ? ours : bare);
      runs[side].push(run);
      log(`build ${posts} posts, ${side} #${r + 1}: ${(run.ms / 1000).toFixed(1)} s, ${run.peakRssMiB.toFixed(0)} MiB`);
    }
  }
  const side = (list: BuildRun[]) => ({
    ms: summarise(list.map((x) => x.ms)),
    peakRssMiB: summarise(list.map((x) => x.peakRssMiB)),
    runs: list.map((x) => ({ ms: Math.round(x.ms), peakRssMiB: Math.round(x.peakRssMiB) })),
  });
  const result = { posts, repeats, ours: side(runs.ours), bare: side(runs.bare), ratio: 0 };
  result.ratio = result.ours.ms.median / result.bare.ms.median;
  // The 1,000-post copies hold thousands of files; keep .work small between runs.
  if (posts >= 1000) for (const dir of [ours, bare]) rmSync(dir, { recursive: true, force: true });
  return result;
}

export { WORK_DIR };
