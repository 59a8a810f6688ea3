/**
 * `npm run bench [-- --quick] [-- --check] [-- --only=a,b]`
 *
 * One command for the numbers the README shows: build time beside a bare Astro blog, page
 * weight, model size, island time-to-first-sample and batch time per backend, training speed,
 * Lighthouse scores. Writes tests/bench/results.json and tests/bench/results.md.
 *
 * --quick   fewer repeats, builds of 1 and 25 posts only, no Node cpu-backend training, no
 *           Lighthouse (~2 min); results go to tests/bench/.work/, like --only
 * --check   exit 1 when a byte figure is over its budget in tests/bench/budgets.json
 * --max-minutes=M  time limit: a build size whose predicted time (from the previous size,
 *           scaled linearly) would end the run after M minutes is skipped, with a note
 * --only=   comma list of sections (models, training, pages, islands, lighthouse, build) for
 *           development; results then go to tests/bench/.work/ so the committed ones stay whole
 *
 * Sections run one after another, never in parallel: on a 2-core machine two measurements at
 * once would each distort the other.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { checkBudgets, loadBudgets, modelFigures, pageFigures } from './budgets.ts';
import { compareBuilds, timedBuild, type BuildComparison } from './build-bench.ts';
import { runLighthouse } from './lighthouse-bench.ts';
import { busyProcesses, CHROMIUM, CHROMIUM_ARGS, machineInfo } from './machine.ts';
import { modelSizes } from './model-sizes.ts';
import { describeFirstFrames, describePlayground, measurePlayground } from './playground-bench.ts';
import { measurePage, type PageWeight } from './page-weight.ts';
import { renderMarkdown, type BenchResults, type IslandBackendResult, type TrainingResult } from './results.ts';
import { serveStatic } from './static-server.ts';
import { summarise } from './stats.ts';
import { makeSiteCopy, REPO_ROOT, WORK_DIR } from './workspace.ts';

const SECTIONS = ['models', 'training', 'pages', 'islands', 'lighthouse', 'build'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const check = args.includes('--check');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const maxMinutesArg = args.find((a) => a.startsWith('--max-minutes='))?.slice('--max-minutes='.length);
const maxMinutes = maxMinutesArg === undefined ? Number.POSITIVE_INFINITY : Number(maxMinutesArg);
if (Number.isNaN(maxMinutes) || maxMinutes <= 0) throw new Error(`--max-minutes needs a positive number, not ${maxMinutesArg}`);
const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(',') as Section[]);
for (const a of args) {
  if (!['--quick', '--check'].includes(a) && !a.startsWith('--only=') && !a.startsWith('--max-minutes=')) {
    throw new Error(`unknown argument ${a}; use --quick, --check, --max-minutes=M, --only=${SECTIONS.join(',')}`);
  }
}
if (only) for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(', ')}`);
const runs = (section: Section) => !only || only.has(section);

/** Repeats per mode. Full mode is sized to fit ~10 minutes on the 2-core reference machine. */
const PLAN = quick
  ? { buildPosts: [1, 25], buildRepeats: 1, islandRuns: 1, lighthouseRuns: 0, trainRepeats: 2, trainSteps: 2, cpuTraining: false }
  : { buildPosts: [1, 200, 1000], buildRepeats: 3, islandRuns: 2, lighthouseRuns: 3, trainRepeats: 3, trainSteps: 4, cpuTraining: true };
/** Fewer repeats for the 1,000-post build: one cold build of each side. */
const repeatsFor = (posts: number) => (posts >= 1000 ? 1 : posts >= 100 ? Math.min(PLAN.buildRepeats, 2) : PLAN.buildRepeats);

/** The page of each type in the real site (paths relative to the base). */
const PAGES = [
  { type: 'home', path: '' },
  { type: 'post', path: 'posts/gan-minimax-game/' },
  { type: 'qa', path: 'qa/gan-minimax-game/' },
  { type: 'island', path: 'posts/live-samples/' },
];
const PLAYGROUND_PATHS = ['playground/', 'posts/playground/'];
const SHIPPED_GANS = ['dcgan', 'cgan'];
/** Batch for the pure-JS cpu backend: at 64 one step takes minutes here. */
const CPU_TRAIN_BATCH = 4;

const started = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function run(
  command: string,
  commandArgs: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const TSX = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
const PLAYWRIGHT = path.join(REPO_ROOT, 'node_modules/@playwright/test/cli.js');

async function measureTraining(notes: string[]): Promise<TrainingResult[]> {
  const results: TrainingResult[] = [];
  const jobs: { backend: 'wasm' | 'cpu'; models: string[]; steps: number; repeats: number; batch?: number }[] = [
    { backend: 'wasm', models: SHIPPED_GANS, steps: PLAN.trainSteps, repeats: PLAN.trainRepeats },
  ];
  if (PLAN.cpuTraining) jobs.push({ backend: 'cpu', models: ['dcgan'], steps: 2, repeats: 1, batch: CPU_TRAIN_BATCH });
  else notes.push('Node cpu-backend training is measured in full mode only (minutes per step at batch 64).');
  for (const job of jobs) {
    const jobArgs = [TSX, 'tests/bench/train-step.node.ts', job.backend, job.models.join(','), String(job.steps), String(job.repeats)];
    if (job.batch !== undefined) jobArgs.push(String(job.batch));
    const { code, stdout, stderr } = await run(process.execPath, jobArgs);
    if (code !== 0) throw new Error(`training benchmark (${job.backend}) failed:\n${stderr.slice(-2000)}`);
    const line = stdout.trim().split('\n').at(-1) ?? '{}';
    const parsed = JSON.parse(line) as { backend: string; models: Record<string, { batch: number; msPerStep: number[] }> };
    for (const [model, m] of Object.entries(parsed.models)) {
      results.push({ backend: parsed.backend, model, batch: m.batch, steps: job.steps, msPerStep: summarise(m.msPerStep) });
      log(`training ${model} on ${parsed.backend}, batch ${m.batch}: ${m.msPerStep.map((x) => x.toFixed(0)).join(', ')} ms/step`);
    }
  }
  if (PLAN.cpuTraining)
    notes.push(
      `Node cpu-backend training uses batch ${CPU_TRAIN_BATCH} (dcgan only, mean of 2 steps): at batch 64 the pure-JS backend needs minutes per step here.`,
    );
  return results;
}

interface SpecOutput {
  backends: Record<
    string,
    {
      chosen: string;
      timeToFirstSampleMs: number;
      batchTimesMs: number[];
      jsAfterIsland: { gzip: number };
      wasmAfterIsland: { gzip: number };
    }
  >;
}

/** Runs the islands' benchmark spec `times` times against `baseUrl`. */
async function measureIslands(baseUrl: string, times: number): Promise<NonNullable<BenchResults['islands']>> {
  const outputs: SpecOutput[] = [];
  for (let i = 0; i < times; i++) {
    const out = path.join(WORK_DIR, `islands-${i}.json`);
    rmSync(out, { force: true });
    const { code, stdout, stderr } = await run(process.execPath, [PLAYWRIGHT, 'test', '-c', 'tests/bench/playwright.config.ts'], {
      MINIMAX_BENCH: '1',
      MINIMAX_BENCH_OUT: out,
      BENCH_BASE_URL: baseUrl,
    });
    if (code !== 0 || !existsSync(out)) throw new Error(`islands benchmark spec failed (exit ${code}):\n${(stdout + stderr).slice(-3000)}`);
    outputs.push(JSON.parse(readFileSync(out, 'utf8')) as SpecOutput);
    log(
      `islands run ${i + 1}: ${Object.entries(outputs.at(-1)?.backends ?? {})
        .map(([b, r]) => `${b}→${r.chosen} first ${r.timeToFirstSampleMs} ms`)
        .join(', ')}`,
    );
  }
  const backends: Record<string, IslandBackendResult> = {};
  for (const name of Object.keys(outputs[0]?.backends ?? {})) {
    const per = outputs.map((o) => o.backends[name]).filter((b) => b !== undefined);
    backends[name] = {
      chosen: [...new Set(per.map((b) => b.chosen))].join('/'),
      timeToFirstSampleMs: summarise(per.map((b) => b.timeToFirstSampleMs)),
      // The spec's first batch of each page includes warm-up; the rest are steady state.
      msPer64Batch: summarise(per.flatMap((b) => b.batchTimesMs.slice(1))),
      jsAfterGzip: per[0]?.jsAfterIsland.gzip ?? 0,
      wasmAfterGzip: per[0]?.wasmAfterIsland.gzip ?? 0,
    };
  }
  return { runs: times, backends };
}

// Only a full run of every section replaces the committed results the README summarises.
const outDir = only || quick ? WORK_DIR : path.join(REPO_ROOT, 'tests/bench');

/**
 * Writes results.{json,md}. Called after every section, so an interrupted run still leaves
 * what it measured (marked as unfinished); `final` adds the end-of-run figures.
 */
async function save(results: BenchResults, final = false): Promise<void> {
  const figures = { ...modelFigures(results.models), ...pageFigures(results.pages) };
  results.budgets = checkBudgets(figures, loadBudgets());
  results.durationS = (Date.now() - started) / 1000;
  const notes = results.notes;
  if (final) {
    results.machine.loadAverage.end = os.loadavg().map((x) => Math.round(x * 100) / 100);
    const busyAtEnd = (await busyProcesses()).filter((p) => !/tests\/bench\/|npm (run|exec)/.test(p));
    if (busyAtEnd.length > 0)
      notes.push(`CPU-heavy processes running when the run ended: ${busyAtEnd.map((p) => `\`${p.slice(0, 90)}\``).join('; ')}.`);
    if (busyAtEnd.length === 0 && results.machine.busyProcesses.every((p) => /tests\/bench\/|npm (run|exec)/.test(p))) {
      notes.push('No other process used more than 20 % of a core in the second sampled at the start and at the end of the run.');
    }
  }
  const shown = final
    ? results
    : { ...results, notes: [...notes, `Unfinished run: written after ${results.durationS.toFixed(0)} s; later sections are missing.`] };
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(shown, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'results.md'), renderMarkdown(shown));
}

async function main(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  const machine = await machineInfo();
  const notes: string[] = [];
  const busy = machine.busyProcesses.filter((p) => !/tests\/bench\/|npm (run|exec)/.test(p));
  if (busy.length > 0)
    notes.push(
      `Other processes were using the CPU when the run started, so timings are inflated: ${busy.map((p) => `\`${p.slice(0, 90)}\``).join('; ')}.`,
    );
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see tests/ensure-chromium.sh)`);
  log(`${quick ? 'quick' : 'full'} mode on ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, ${machine.chromium}`);

  const results: BenchResults = {
    schema: 1,
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    durationS: 0,
    machine,
    notes,
    build: [],
    pages: [],
    models: [],
    islands: null,
    training: [],
    playground: { missing: 'not checked in this run' },
    lighthouse: [],
    budgets: [],
  };

  if (runs('models')) {
    results.models = modelSizes(path.join(REPO_ROOT, 'models'));
    log(`models: ${results.models.map((m) => `${m.name} ${m.bytes} B`).join(', ') || 'none shipped'}`);
    await save(results);
  }

  if (runs('training')) {
    results.training = await measureTraining(notes);
    await save(results);
  }

  if (runs('pages') || runs('islands') || runs('lighthouse')) {
    const siteDir = makeSiteCopy('site-real', 'real');
    const build = await timedBuild(siteDir);
    log(`built the real site in ${(build.ms / 1000).toFixed(1)} s`);
    const dist = path.join(siteDir, 'dist');
    const server = await serveStatic(dist);
    try {
      const playground = PLAYGROUND_PATHS.find((p) => existsSync(path.join(dist, p, 'index.html')));
      results.playground = { missing: 'no playground page in this build (looked for /playground/ and /posts/playground/)' };
      if (playground && runs('islands')) {
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        try {
          const measured = await measurePlayground(browser, server.url, playground, quick ? 4 : 10);
          const auto = measured.backends.find((m) => m.requested === 'auto');
          if (auto)
            results.playground = {
              stepsPerSecond: auto.stepsPerSecond,
              backend: auto.chosen,
              mainThreadBusy: auto.mainThreadBusy,
              firstFrames: measured.firstFrames,
            };
          notes.push(...describePlayground(measured.backends));
          for (const line of [...describePlayground(measured.backends), describeFirstFrames(measured.firstFrames)]) log(line);
        } finally {
          await browser.close();
        }
      }
      if (runs('pages')) {
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        try {
          const pages: PageWeight[] = [];
          for (const p of PAGES) {
            pages.push(await measurePage(browser, server.url, p.type, p.path));
            const w = pages.at(-1);
            if (w)
              log(
                `page ${p.type}: JS gzip ${w.js.before.gzip} → ${w.js.after.gzip} B, CSS gzip ${w.css.gzip} B${w.islandState ? `, island ${w.islandState}` : ''}`,
              );
          }
          results.pages = pages;
        } finally {
          await browser.close();
        }
      }
      if (runs('islands')) results.islands = await measureIslands(server.url, PLAN.islandRuns);
      if (runs('lighthouse')) {
        if (PLAN.lighthouseRuns === 0) notes.push('Lighthouse is skipped in --quick mode.');
        else {
          const pages: Parameters<typeof runLighthouse>[1][number][] = PAGES.filter((p) => p.type !== 'qa');
          // The playground's goal is 100 on all four categories, mobile and desktop (issue 11).
          if (playground)
            pages.push({ type: 'playground', path: playground }, { type: 'playground-desktop', path: playground, formFactor: 'desktop' });
          results.lighthouse = await runLighthouse(server.url, pages, PLAN.lighthouseRuns, log);
        }
      }
    } finally {
      await server.close();
      rmSync(siteDir, { recursive: true, force: true });
    }
    await save(results);
  }

  if (runs('build')) {
    const comparisons: BuildComparison[] = [];
    for (const posts of PLAN.buildPosts) {
      const previous = comparisons.at(-1);
      const before = comparisons.at(-2);
      if (previous && before && Number.isFinite(maxMinutes)) {
        // Build time grows about linearly with the number of posts beyond a fixed start-up:
        // extrapolate the line through the last two sizes (one size alone cannot separate the two).
        const total = (c: BuildComparison) => c.ours.ms.median + c.bare.ms.median;
        const slope = (total(previous) - total(before)) / (previous.posts - before.posts);
        const predictedS = (repeatsFor(posts) * (total(previous) + slope * (posts - previous.posts))) / 1000;
        const leftS = maxMinutes * 60 - (Date.now() - started) / 1000;
        if (predictedS > leftS) {
          notes.push(
            `The ${posts}-post build was skipped: predicted ~${Math.round(predictedS)} s from the ${previous.posts}-post build, but only ${Math.round(leftS)} s of the --max-minutes=${maxMinutes} limit were left.`,
          );
          log(`skipping ${posts} posts: predicted ${predictedS.toFixed(0)} s > ${leftS.toFixed(0)} s left`);
          continue;
        }
      }
      try {
        comparisons.push(await compareBuilds(posts, repeatsFor(posts), log));
        results.build = comparisons;
        await save(results);
      } catch (error) {
        notes.push(`Build with ${posts} posts failed: ${String(error).split('\n').slice(0, 3).join(' ').slice(0, 400)}`);
        log(`build ${posts} posts FAILED: ${String(error).slice(0, 2000)}`);
      }
    }
    results.build = comparisons;
    if (quick) notes.push('The 1,000-post build runs in full mode only.');
  }

  await save(results, true);
  log(`wrote ${path.relative(REPO_ROOT, outDir)}/results.{json,md} after ${results.durationS.toFixed(0)} s`);

  const over = results.budgets.filter((b) => b.status === 'over');
  for (const b of over) console.error(`over budget: ${b.figure} = ${b.value} > ${b.max} (${b.why})`);
  if (check && over.length > 0) process.exitCode = 1;
  else if (check)
    log(
      `budgets: ${results.budgets.filter((b) => b.status === 'ok').length} ok, ${results.budgets.filter((b) => b.status === 'not measured').length} not measured`,
    );
}

await main();
// Lighthouse and chrome-launcher leave handles open for a while; the results are written.
process.exit(process.exitCode ?? 0);
