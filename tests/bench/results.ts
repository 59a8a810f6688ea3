/**
 * The shape of tests/bench/results.json (one benchmark run) and its Markdown rendering,
 * tests/bench/results.md, which the README shows.
 */
import type { BudgetOutcome } from './budgets.ts';
import type { BuildComparison } from './build-bench.ts';
import type { LighthouseResult } from './lighthouse-bench.ts';
import type { MachineInfo } from './machine.ts';
import type { ModelSize } from './model-sizes.ts';
import type { Bytes, PageWeight } from './page-weight.ts';
import { describeFirstFrames, type PlaygroundFirstFrames } from './playground-bench.ts';
import { formatSummary, type Summary } from './stats.ts';

export interface IslandBackendResult {
  /** the backend the runtime reported using (for 'auto': the one it picked) */
  chosen: string;
  timeToFirstSampleMs: Summary;
  msPer64Batch: Summary;
  /** JS and WASM downloaded by the page by the end of the spec's run on this backend, gzip bytes */
  jsAfterGzip: number;
  wasmAfterGzip: number;
}

export interface TrainingResult {
  backend: string;
  model: string;
  batch: number;
  steps: number;
  msPerStep: Summary;
}

export interface BenchResults {
  schema: 1;
  mode: 'full' | 'quick';
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  /** what was skipped, what was running alongside, anything a reader must know */
  notes: string[];
  build: BuildComparison[];
  pages: PageWeight[];
  models: ModelSize[];
  islands: { runs: number; backends: Record<string, IslandBackendResult> } | null;
  training: TrainingResult[];
  /** in-page training speed, or why there is none */
  playground:
    { stepsPerSecond: Summary; backend: string; mainThreadBusy?: number; firstFrames?: PlaygroundFirstFrames } | { missing: string };
  lighthouse: LighthouseResult[];
  budgets: BudgetOutcome[];
}

const rate = (x: number) => x.toFixed(x < 10 ? 2 : 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const bytesCell = (b: Bytes) => `${kb(b.raw)} / ${kb(b.gzip)}`;

function buildTable(build: readonly BuildComparison[]): string[] {
  if (build.length === 0) return ['_not measured in this run_'];
  const rows = [
    '| posts | our site, s | bare Astro 7 blog, s | ratio (medians) | peak RSS ours / bare, MiB | ours, warm after editing one post, s | load average (1 min) at each build |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const b of build) {
    const loads = [...b.ours.runs, ...b.bare.runs, ...b.warm.runs].map((run) => run.loadAverage?.[0]?.toFixed(1) ?? '?');
    rows.push(
      `| ${b.posts.toLocaleString('en')} | ${formatSummary(b.ours.ms, 1, 1 / 1000)} | ${formatSummary(b.bare.ms, 1, 1 / 1000)} | ${b.ratio.toFixed(2)}× | ${b.ours.peakRssMiB.median.toFixed(0)} / ${b.bare.peakRssMiB.median.toFixed(0)} | ${formatSummary(b.warm.ms, 1, 1 / 1000)} | ${loads.join(', ')} |`,
    );
  }
  return rows;
}

function pagesTable(pages: readonly PageWeight[]): string[] {
  if (pages.length === 0) return ['_not measured in this run_'];
  const rows = [
    '| page | path | JS before islands (raw / gzip) | JS after first sample (raw / gzip) | WASM after (raw / gzip) | CSS, files and inline `<style>` (raw / gzip) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const p of pages) {
    const island = p.hasIsland ? (p.islandState === 'live' ? '' : ` (island state: ${p.islandState ?? '?'})`) : ' (no island)';
    rows.push(
      `| ${p.type}${island} | \`/${p.path}\` | ${bytesCell(p.js.before)} | ${bytesCell(p.js.after)} | ${bytesCell(p.wasm.after)} | ${bytesCell(p.css)} |`,
    );
  }
  return rows;
}

function modelsTable(models: readonly ModelSize[]): string[] {
  if (models.length === 0) return ['_no shipped model artifacts (models/*/artifact) found_'];
  const rows = [
    '| model | weights (values) | stored as | shipped bytes (model.json + shards) | gzip | float32 size | shipped / float32 |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const m of models) {
    rows.push(
      `| ${m.name} | ${m.values.toLocaleString('en')} | ${m.storage} | ${kb(m.bytes)} | ${kb(m.gzipBytes)} | ${kb(m.float32Bytes)} | ${(m.ratio * 100).toFixed(0)} % |`,
    );
  }
  return rows;
}

function islandsTable(islands: BenchResults['islands']): string[] {
  if (!islands) return ['_not measured in this run_'];
  const rows = [
    '| backend requested | backend used | island visible → first sample, ms | ms per 64-sample batch (dcgan) | JS / WASM loaded, gzip |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const [name, b] of Object.entries(islands.backends)) {
    rows.push(
      `| ${name} | ${b.chosen} | ${formatSummary(b.timeToFirstSampleMs)} | ${formatSummary(b.msPer64Batch, 1)} | ${kb(b.jsAfterGzip)} / ${kb(b.wasmAfterGzip)} |`,
    );
  }
  return rows;
}

function trainingTable(training: readonly TrainingResult[], playground: BenchResults['playground']): string[] {
  const rows: string[] = [];
  if (training.length === 0) rows.push('_Node training not measured in this run_');
  else {
    rows.push('| model | Node backend | batch | ms per step (D + G update) | samples/s |', '| --- | --- | ---: | ---: | ---: |');
    for (const t of training) {
      rows.push(
        `| ${t.model} | ${t.backend} | ${t.batch} | ${formatSummary(t.msPerStep)} | ${rate((t.batch * 1000) / t.msPerStep.median)} |`,
      );
    }
  }
  rows.push('');
  rows.push(
    'missing' in playground
      ? `Playground (in-page training): ${playground.missing}.`
      : `Playground: ${formatSummary(playground.stepsPerSecond, 1)} steps/s on ${playground.backend}` +
          (playground.mainThreadBusy === undefined
            ? '.'
            : `; the page's main thread was busy ${(playground.mainThreadBusy * 100).toFixed(1)} % of that time (drawing is in a paint worker).`),
  );
  if (!('missing' in playground) && playground.firstFrames) rows.push('', describeFirstFrames(playground.firstFrames));
  return rows;
}

function lighthouseTable(lighthouse: readonly LighthouseResult[]): string[] {
  if (lighthouse.length === 0) return ['_not measured in this run_'];
  const rows = [
    '| page | performance | accessibility | best practices | SEO | LCP, ms | TBT, ms | CLS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const l of lighthouse) {
    const spread = (c: keyof LighthouseResult['scores']) => {
      const values = l.runs.map((r) => r[c]).filter((v): v is number => v !== null);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return `${l.scores[c] ?? '–'}${values.length > 1 && lo !== hi ? ` (${lo}–${hi})` : ''}`;
    };
    const m = (id: string, digits = 0) => (l.metrics[id] === undefined ? '–' : (l.metrics[id] ?? 0).toFixed(digits));
    rows.push(
      `| ${l.type} \`/${l.path}\` | ${spread('performance')} | ${spread('accessibility')} | ${spread('best-practices')} | ${spread('seo')} | ${m('largest-contentful-paint')} | ${m('total-blocking-time')} | ${m('cumulative-layout-shift', 3)} |`,
    );
  }
  return rows;
}

function budgetsTable(budgets: readonly BudgetOutcome[]): string[] {
  if (budgets.length === 0) return ['_no budgets_'];
  const rows = ['| figure | value | budget | status |', '| --- | ---: | ---: | --- |'];
  for (const b of budgets)
    rows.push(
      `| \`${b.figure}\` | ${b.value === undefined ? '–' : b.value.toLocaleString('en')} | ${b.max.toLocaleString('en')} | ${b.status} |`,
    );
  return rows;
}

/** results.md: the tables the README points to. */
export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\` on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC in ${Math.round(r.durationS)} s (${r.mode} mode); raw numbers in [results.json](results.json).`,
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.chromium} (headless, WebGL on SwiftShader, no GPU).`,
    `Load average at start ${m.loadAverage.start.join(' / ')}${m.loadAverage.end ? `, at end ${m.loadAverage.end.join(' / ')}` : ''}.`,
    'Timings: median with (min–max) or (IQR) over n repeats; ratios compare medians from the same run.',
    '',
  ];
  if (r.notes.length > 0) lines.push('**Notes**', '', ...r.notes.map((n) => `- ${n}`), '');
  lines.push(
    '## Build time',
    '',
    "Cold `astro build` (caches removed) of generated MDX posts with math and code (~1,000 words each), our site versus a bare Astro 7 blog with the same posts and the same maths and code rendering (glob content collection, one post route, `@astrojs/mdx`, the unified processor with remark-math and rehype-katex, Shiki with our two themes; none of our layouts, components or caches), built alternately in the same run, so the ratio is our own cost. Then our site twice more, warm (Astro's data store and the KaTeX and compiled-MDX caches kept), each after editing one post. Peak RSS: largest process (GNU time). The machine is shared: the load average when each build started is listed (ours…, bare…, warm).",
    '',
    ...buildTable(r.build),
    '',
    '## Page weight',
    '',
    'Bytes of responses in headless Chromium, gzip -9 computed from the bodies. "Before": loaded, nothing scrolled. "After": the first island scrolled into view and showing its first live sample (pages without islands: scrolled to the end). Worker requests included; model weights are counted under Model size, not here.',
    '',
    ...pagesTable(r.pages),
    '',
    '## Model size',
    '',
    'Shipped artifact files (`model.json` + weight shards, what the islands download) beside the same weights stored as float32 (values × 4).',
    '',
    ...modelsTable(r.models),
    '',
    '## Islands: time to first sample and batch time',
    '',
    'From `tests/e2e/islands/benchmark.spec.ts` (fresh page per backend, `?backend=` override): time from scrolling the SampleGrid island into view until it is live, then ms per 64-sample dcgan batch (first batch dropped).',
    '',
    ...islandsTable(r.islands),
    '',
    '## Training speed',
    '',
    "Node, via `measureStepTime` of `models/gan/training.node.ts` (the trainer's presets and train step; random data; fresh models per repeat; two warm-up steps).",
    '',
    ...trainingTable(r.training, r.playground),
    '',
    '## Lighthouse',
    '',
    `Lighthouse (Node API) with Debian chromium, default mobile settings and simulated throttling, site served from 127.0.0.1 with gzip; each score is the median of ${r.lighthouse[0]?.runs.length ?? 0} runs, the metrics are those of the median-performance run.`,
    '',
    ...lighthouseTable(r.lighthouse),
    '',
    '## Byte budgets',
    '',
    'From `tests/bench/budgets.json`; `npm run bench -- --check` fails when a figure is over.',
    '',
    ...budgetsTable(r.budgets),
    '',
  );
  return lines.join('\n');
}
