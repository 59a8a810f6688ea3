/**
 * Cold `astro build` timings of our site and the bare blog with the same N generated posts.
 * For each N both projects are built in alternation (ours, bare, ours, bare, …) so that a
 * change in background load hits both sides of the ratio alike.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedPostName } from './posts.ts';
import { clearBuildCaches, makeBareBlog, makeSiteCopy, REPO_ROOT, WORK_DIR } from './workspace.ts';
import { summarise, type Summary } from './stats.ts';

export interface BuildRun {
  /** wall-clock ms of `astro build`, node start-up included */
  ms: number;
  /** peak resident set size of the largest process of the build (GNU time %M), MiB */
  peakRssMiB: number;
  /** peak resident memory of the whole process tree, sampled every 250 ms, MiB */
  peakTreeRssMiB: number;
  /** /proc/loadavg (1, 5, 15 min) when the build started: the machine is shared */
  loadAverage: number[];
}

export interface BuildComparison {
  posts: number;
  repeats: number;
  ours: { ms: Summary; peakRssMiB: Summary; runs: BuildRun[] };
  bare: { ms: Summary; peakRssMiB: Summary; runs: BuildRun[] };
  /** median(ours) / median(bare), from the same run */
  ratio: number;
  /** our site rebuilt after editing one post, caches kept (Astro's data store; KaTeX, compiled-MDX and sw.js caches), WARM_REPEATS times, each after its own edit */
  warm: { ms: Summary; peakRssMiB: Summary; runs: BuildRun[] };
}

/** Warm rebuilds per size, each after its own edit: one measured 27 s and another 43 s at 1,000 posts on the same code. */
const WARM_REPEATS = 2;

const ASTRO = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs');
const TIME = '/usr/bin/time';
/**
 * A build whose process tree holds more than this is killed and reported as failed: on a
 * 24 GiB machine shared with training runs, a runaway build must not wake the OOM killer.
 */
export const BUILD_MEMORY_LIMIT_MIB = 12 * 1024;

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return []; // exited meanwhile
  }
}

/** Resident memory (MiB) of a process and all its descendants, from /proc. */
export function treeRssMiB(pid: number): number {
  let kib = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    try {
      kib += Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      continue; // exited meanwhile
    }
    stack.push(...childrenOf(p));
  }
  return kib / 1024;
}

/**
 * One build of the project in `dir`: cold (caches removed first) unless `warm`.
 * @throws Error with the build's last output lines when it fails
 */
export async function timedBuild(dir: string, env: Record<string, string> = {}, warm = false): Promise<BuildRun> {
  if (!warm) clearBuildCaches(dir);
  const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const timeFile = path.join(dir, '.time');
  rmSync(timeFile, { force: true });
  const useTime = existsSync(TIME);
  // GNU time writes "%e %M" to a file so Astro's own output cannot be mistaken for it.
  const [command, args] = useTime
    ? [TIME, ['-o', timeFile, '-f', '%e %M', process.execPath, ASTRO, 'build']]
    : [process.execPath, [ASTRO, 'build']];
  const started = performance.now();
  const output: string[] = [];
  let peakTreeRssMiB = 0;
  let killed = false;
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
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      peakTreeRssMiB = Math.max(peakTreeRssMiB, treeRssMiB(child.pid));
      if (peakTreeRssMiB > BUILD_MEMORY_LIMIT_MIB && !killed) {
        killed = true;
        output.push(
          `\n[bench] killed: the build's processes held ${peakTreeRssMiB.toFixed(0)} MiB (limit ${BUILD_MEMORY_LIMIT_MIB} MiB)\n`,
        );
        // GNU time does not pass SIGKILL on: kill the build under it first.
        for (const c of childrenOf(child.pid)) {
          try {
            process.kill(c, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('error', reject);
    child.on('close', (c) => {
      clearInterval(sampler);
      resolve(c ?? 1);
    });
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`astro build failed in ${dir} (exit ${code}):\n${output.join('').split('\n').slice(-30).join('\n')}`);
  let peakRssMiB = Number.NaN;
  if (useTime) {
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [];
    peakRssMiB = Number(fields[1]) / 1024;
  }
  return { ms, peakRssMiB, peakTreeRssMiB, loadAverage };
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
    runs: list.map((x) => ({
      ms: Math.round(x.ms),
      peakRssMiB: Math.round(x.peakRssMiB),
      peakTreeRssMiB: Math.round(x.peakTreeRssMiB),
      loadAverage: x.loadAverage,
    })),
  });
  // Warm: the last cold build of ours left its caches; a writer edits one post and rebuilds.
  const warmRuns: BuildRun[] = [];
  for (let r = 0; r < WARM_REPEATS; r++) {
    appendFileSync(
      path.join(ours, 'content/posts', generatedPostName(Math.floor(posts / 2))),
      `\nOne more sentence (${r + 1}), added to time a rebuild after an edit.\n`,
    );
    const run = await timedBuild(ours, {}, true);
    warmRuns.push(run);
    log(
      `build ${posts} posts, ours warm after editing one post #${r + 1}: ${(run.ms / 1000).toFixed(1)} s, ${run.peakRssMiB.toFixed(0)} MiB`,
    );
  }
  const result: BuildComparison = { posts, repeats, ours: side(runs.ours), bare: side(runs.bare), ratio: 0, warm: side(warmRuns) };
  result.ratio = result.ours.ms.median / result.bare.ms.median;
  // Copies are rebuilt on every run; do not leave thousands of files behind.
  for (const dir of [ours, bare]) rmSync(dir, { recursive: true, force: true });
  return result;
}

export { WORK_DIR };
