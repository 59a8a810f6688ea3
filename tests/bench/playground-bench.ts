/**
 * Training playground benchmark (part of `npm run bench`, not asserted): per backend, training
 * steps per second on the default preset, the page's main-thread busy share while it trains (the
 * drawing is in a paint worker), time from navigation to the first drawn frame (the target, an
 * image in the HTML) and to the first trained frame, and the JS and WASM bytes (gzip) the page
 * loads. Printed beside GAN Lab's figures measured on this
 * machine (issue 11).
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { summarise, type Summary } from './stats.ts';

/** GAN Lab (poloclub/ganlab), built from its lockfile and measured in headless chromium here (issue 11). */
export const GAN_LAB = {
  stepsPerSecondWebgl: 15.6,
  stepsPerSecondCpu: 19.0,
  jsGzipBytes: 431_000,
  firstFrameMs: [2400, 3900],
  lighthouseDesktop: [33, 72, 93, 73],
} as const;

export interface PlaygroundBackendResult {
  requested: string;
  chosen: string;
  stepsPerSecond: Summary;
  /** share of wall time the page's main thread spent in tasks while steps/s was sampled (CDP TaskDuration) */
  mainThreadBusy: number;
  firstFrameMs: number;
  firstTrainedFrameMs: number;
  jsGzip: number;
  wasmGzip: number;
}

function recordBytes(page: Page): { js: number; wasm: number } {
  const total = { js: 0, wasm: 0 };
  // Each file once: the service worker's precache fetches the shell scripts a second time.
  const seen = new Set<string>();
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!/\.(m?js|wasm)$/.test(path) || seen.has(path)) return;
    seen.add(path);
    try {
      const gzip = gzipSync(await response.body(), { level: 9 }).length;
      if (path.endsWith('.wasm')) total.wasm += gzip;
      else total.js += gzip;
    } catch {
      // aborted or redirected: nothing to count
    }
  });
  return total;
}

/** Navigates and waits until the playground trains (`data-state="live"`). */
async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-playground]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-playground]')?.getAttribute('data-state') === 'live', null, {
    timeout: 180_000,
  });
}

interface FirstFrames {
  firstFrameMs: number;
  firstTrainedFrameMs: number;
  backend: string;
}

/**
 * The first drawn frame is the picture in the HTML (an <img elementtiming="pg-first-frame">):
 * its paint time from Element Timing, else the controller's first canvas drawing. The first
 * trained frame is the controller's `data-live-at`.
 */
async function readFirstFrames(page: Page): Promise<FirstFrames> {
  const painted = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier?: string }).identifier === 'pg-first-frame');
          if (entry) resolve((entry as PerformanceEntry & { renderTime: number }).renderTime);
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve(Number.NaN), 2000);
      }),
  );
  const timing = await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-playground]')!;
    return {
      first: Number(el.dataset['firstFrame']),
      live: Number(el.dataset['liveAt']),
      backend: el.querySelector('.pg-backend')?.textContent ?? '',
    };
  });
  return {
    firstFrameMs: Number.isFinite(painted) && painted > 0 ? Math.round(painted) : timing.first,
    firstTrainedFrameMs: timing.live,
    backend: timing.backend.replace(/^backend /, ''),
  };
}

/** One load of `url` in a fresh context (cold HTTP cache, no service worker), until it trains. */
async function firstFramesOfOneLoad(browser: Browser, url: string): Promise<FirstFrames> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await openLive(page, url);
    return await readFirstFrames(page);
  } finally {
    await context.close();
  }
}

export interface PlaygroundFirstFrames {
  /** the first page a freshly started browser opens: empty profile, so no GPU shader cache */
  coldBrowser: { firstFrameMs: number; firstTrainedFrameMs: number };
  /** later loads of the default (auto) page, each in a fresh context: cold HTTP cache, no service worker */
  runningBrowser: { firstFrameMs: Summary; firstTrainedFrameMs: Summary };
}

export interface PlaygroundMeasurement {
  backends: PlaygroundBackendResult[];
  firstFrames: PlaygroundFirstFrames;
}

/**
 * @param baseUrl the served site, ending in '/'
 * @param seconds of training sampled per backend (steps/s is read once a second)
 */
export async function measurePlayground(
  browser: Browser,
  baseUrl: string,
  path: string,
  seconds = 8,
  firstFrameLoads = 5,
): Promise<PlaygroundMeasurement> {
  const results: PlaygroundBackendResult[] = [];
  // `browser` must be freshly started: its first page is the cold figure. Chromium keeps the
  // shaders it compiles in the profile (on disk in a reader's browser); a fresh headless profile
  // has none, and SwiftShader compiles them on the CPU, so that first page measured 1-2 s later
  // than the next ones here. The pages measured after it have a running browser, as a reader does.
  const coldFrames = await firstFramesOfOneLoad(browser, `${baseUrl}${path}`);
  for (const backend of ['auto', 'webgl', 'wasm', 'cpu']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const bytes = recordBytes(page);
    try {
      await openLive(page, `${baseUrl}${path}${backend === 'auto' ? '' : `?backend=${backend}`}`);
      const timing = await readFirstFrames(page);
      // Steps/s from the step counter the page shows, once a second, after training has begun.
      const stepNow = () => page.evaluate(() => Number(document.querySelector('[data-playground]')?.getAttribute('data-step') ?? 0));
      await page.waitForFunction(() => Number(document.querySelector('[data-playground]')?.getAttribute('data-step') ?? 0) > 0, null, {
        timeout: 120_000,
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
      const busyFrom = { task: await taskSeconds(), at: Date.now() };
      const rates: number[] = [];
      let previous = { step: await stepNow(), at: Date.now() };
      for (let i = 0; i < seconds; i++) {
        await page.waitForTimeout(1000);
        const now = { step: await stepNow(), at: Date.now() };
        rates.push(((now.step - previous.step) * 1000) / (now.at - previous.at));
        previous = now;
      }
      const mainThreadBusy = ((await taskSeconds()) - busyFrom.task) / ((Date.now() - busyFrom.at) / 1000);
      await page.waitForLoadState('networkidle');
      results.push({
        requested: backend,
        chosen: timing.backend,
        stepsPerSecond: summarise(rates),
        mainThreadBusy,
        firstFrameMs: timing.firstFrameMs,
        firstTrainedFrameMs: timing.firstTrainedFrameMs,
        jsGzip: bytes.js,
        wasmGzip: bytes.wasm,
      });
    } finally {
      await page.close();
    }
  }
  const loads: FirstFrames[] = [];
  for (let i = 0; i < firstFrameLoads; i++) loads.push(await firstFramesOfOneLoad(browser, `${baseUrl}${path}`));
  return {
    backends: results,
    firstFrames: {
      coldBrowser: { firstFrameMs: coldFrames.firstFrameMs, firstTrainedFrameMs: coldFrames.firstTrainedFrameMs },
      runningBrowser: {
        firstFrameMs: summarise(loads.map((l) => l.firstFrameMs)),
        firstTrainedFrameMs: summarise(loads.map((l) => l.firstTrainedFrameMs)),
      },
    },
  };
}

/** First-frame figures in words, beside GAN Lab's, for the results' notes. */
export function describeFirstFrames(f: PlaygroundFirstFrames): string {
  const r = f.runningBrowser;
  return (
    `Playground first drawn frame (goal ≤ 1000 ms; GAN Lab ${GAN_LAB.firstFrameMs.join('-')} ms): ${Math.round(r.firstFrameMs.median)} ms ` +
    `(${Math.round(r.firstFrameMs.min)}-${Math.round(r.firstFrameMs.max)}, n=${r.firstFrameMs.n}) in a running browser, each load a fresh context; ` +
    `first trained frame ${Math.round(r.firstTrainedFrameMs.median)} ms (${Math.round(r.firstTrainedFrameMs.min)}-${Math.round(r.firstTrainedFrameMs.max)}). ` +
    `The first page of a freshly started browser (empty profile, no compiled shaders): first drawn frame ${f.coldBrowser.firstFrameMs} ms, ` +
    `first trained frame ${f.coldBrowser.firstTrainedFrameMs} ms.`
  );
}

/** One line per backend, beside GAN Lab's figures, for the results' notes (the first frames have their own line). */
export function describePlayground(backends: readonly PlaygroundBackendResult[]): string[] {
  return backends.map(
    (r) =>
      `Playground (${r.requested} → ${r.chosen}): ${r.stepsPerSecond.median.toFixed(0)} steps/s (GAN Lab: ${GAN_LAB.stepsPerSecondWebgl} WebGL, ${GAN_LAB.stepsPerSecondCpu} CPU; goal ≥ 190), ` +
      `main thread busy ${(r.mainThreadBusy * 100).toFixed(1)} % of the time while training, ` +
      `first drawn frame ${r.firstFrameMs} ms, first trained frame ${r.firstTrainedFrameMs} ms, ` +
      `JS ${(r.jsGzip / 1000).toFixed(0)} KB gzip (GAN Lab ${GAN_LAB.jsGzipBytes / 1000} KB; goal ≤ 145), WASM ${(r.wasmGzip / 1000).toFixed(0)} KB gzip.`,
  );
}
