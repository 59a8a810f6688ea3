/**
 * The training playground in Debian's chromium: it trains and redraws, every control works
 * (also from the keyboard), the URL reproduces a run, bad URL parameters fall back, tensors do
 * not leak over 2,000 steps, it pauses off screen and in a hidden tab, and axe finds nothing.
 * The helpers' `test` fails on any request that leaves 127.0.0.1 and on console errors.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, meanAbsoluteDifference, test } from '../islands/helpers.ts';

// TF.js in a worker on a shared 2-core machine: generous limits, but every wait is on state.
test.describe.configure({ timeout: 240_000 });

const PAGE = 'playground/';
const root = '#playground';

interface Hook {
  numTensors(): Promise<number>;
  runTo(step: number): Promise<number>;
  pause(): void;
  frame(): { step: number; covered: number[]; stepsPerSecond: number; playing: boolean } | null;
  pixels(index: number): Promise<number[]>;
  paintsOffThread: boolean;
}

async function live(page: Page, url = PAGE) {
  await page.goto(url);
  await expect(page.locator(root)).toHaveAttribute('data-state', 'live', { timeout: 120_000 });
}

const step = async (page: Page) => Number(await page.locator(root).getAttribute('data-step'));
const frames = async (page: Page) => Number(await page.locator(root).getAttribute('data-frames'));

/**
 * Grey values of run `index`'s plane canvas, as painted after every frame the page has received
 * (the canvases belong to the paint worker, so the page's hook asks it).
 */
async function planePixels(page: Page, index = 0): Promise<number[]> {
  const data = await page.evaluate((i) => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.pixels(i), index);
  expect(data.length, `plane ${index} has pixels`).toBeGreaterThan(0);
  return Array.from({ length: data.length / 4 }, (_, j) => (data[j * 4]! + data[j * 4 + 1]! + data[j * 4 + 2]!) / 3);
}

const hook = (page: Page) => page.evaluate(() => typeof (globalThis as { __minimaxPlayground?: Hook }).__minimaxPlayground);
const runTo = (page: Page, n: number) =>
  page.evaluate((n) => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.runTo(n), n);
/**
 * Waits until the worker has answered everything sent so far and the page shows the frames it
 * sent before: the painter answers after painting them (latest wins), and the text changes
 * with the pictures.
 */
async function settle(page: Page) {
  await numTensors(page);
  await page.evaluate(() => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.pixels(0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}
const numTensors = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.numTensors());

test('it trains: the step counter climbs, steps/s is shown and the plot changes', async ({ page }) => {
  await live(page);
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(20);
  const before = await planePixels(page);
  const at = await step(page);
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(at + 50);
  await expect(page.locator(`${root} .pg-rate`)).toHaveText(/^[1-9]\d* steps\/s$/);
  await expect(page.locator(`${root} .pg-backend`)).toHaveText(/backend (webgpu|webgl|wasm|cpu)/);
  expect(meanAbsoluteDifference(before, await planePixels(page))).toBeGreaterThan(0.5);
  await expect(page.locator(`${root} .pg-stats`).first()).toHaveText(/modes \d\/8/);
  // In Chromium the paint worker draws; the main thread only swaps in its pictures.
  expect(await page.evaluate(() => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.paintsOffThread)).toBe(
    true,
  );
});

test("the playground's code loads only after the page's first contentful paint", async ({ page }) => {
  await live(page);
  const order = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const controller = performance
      .getEntriesByType('resource')
      .filter((e) => /\/_astro\/controller[^/]*\.js$/.test(new URL(e.name).pathname))
      .map((e) => e.startTime);
    return { fcp, controller };
  });
  expect(order.controller, 'the controller chunk was fetched once').toHaveLength(1);
  expect(order.fcp, 'first contentful paint was reported').toBeGreaterThan(0);
  expect(order.controller[0]!).toBeGreaterThanOrEqual(order.fcp);
});

test('without OffscreenCanvas, the same painter draws on the main thread', async ({ page }) => {
  await page.addInitScript(() => {
    delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
  });
  await live(page);
  expect(await page.evaluate(() => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.paintsOffThread)).toBe(
    false,
  );
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(20);
  const before = await planePixels(page);
  const at = await step(page);
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(at + 50);
  expect(meanAbsoluteDifference(before, await planePixels(page))).toBeGreaterThan(0.5);
  expect(await frames(page)).toBeGreaterThan(1);
});

test('each control works, from the keyboard too', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // no autoplay: the test drives every step
  await live(page);
  const play = page.locator(`${root} [data-action="play"]`);
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect(await step(page)).toBe(0);

  // One G step advances the counter; one D step changes D (the heatmap) but not the counter.
  await page.locator(`${root} [data-action="g-step"]`).click();
  await expect.poll(() => step(page)).toBe(1);
  const beforeD = await planePixels(page);
  const seen = await frames(page);
  await page.locator(`${root} [data-action="d-step"]`).click();
  await expect.poll(() => frames(page)).toBeGreaterThan(seen);
  expect(await step(page)).toBe(1);
  expect(meanAbsoluteDifference(beforeD, await planePixels(page))).toBeGreaterThan(0);

  // Keyboard: G, D, Space (play/pause), arrows (snapshots), R (reset).
  await page.locator(`${root} [data-action="reset"]`).focus();
  await page.keyboard.press('g');
  await expect.poll(() => step(page)).toBe(2);
  const framesBeforeD = await frames(page);
  await page.keyboard.press('d');
  await expect.poll(() => frames(page)).toBeGreaterThan(framesBeforeD);
  expect(await step(page)).toBe(2);
  await play.focus();
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(120);
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await settle(page);
  const stopped = await step(page);
  await settle(page);
  expect(await step(page)).toBe(stopped);

  // Scrub back to a snapshot with the keyboard and the slider; Live returns.
  await page.locator(`${root} [data-action="reset"]`).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(`${root} .pg-step`)).toHaveText(/^snapshot at step \d+/);
  await page.locator(`${root} [data-control="scrub"]`).fill('0');
  await expect(page.locator(`${root} .pg-step`)).toHaveText(/^snapshot at step 0 /);
  await page.locator(`${root} [data-action="live"]`).click();
  await expect(page.locator(`${root} .pg-step`)).toHaveText(`step ${stopped}`);
  await page.locator(`${root} [data-action="replay"]`).click();
  await expect(page.locator(`${root} .pg-step`)).toHaveText(/^snapshot at step/);

  // Speed: one step per frame is slow; reset from the keyboard goes back to step 0.
  await page.locator(`${root} [data-control="speed"]`).selectOption('1');
  await page.locator(`${root} [data-action="reset"]`).focus();
  await page.keyboard.press('r');
  await expect.poll(() => step(page)).toBe(0);
  await play.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(5);
  const rate = await page.evaluate(
    () => (globalThis as unknown as { __minimaxPlayground: Hook }).__minimaxPlayground.frame()?.stepsPerSecond ?? 0,
  );
  expect(rate).toBeLessThanOrEqual(70);
});

test('the URL state round-trips and reproduces the same step-N picture; presets change it', async ({ page, context }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const url = `${PAGE}#preset=ring-converge&seed=7&gu=32&runs=non-saturating,hinge`;
  await live(page, url);
  await expect(page.locator(`${root} input[name="seed"]`)).toHaveValue('7');
  await expect(page.locator(`${root} .pg-run`)).toHaveCount(2);
  expect(await hook(page)).toBe('object');
  expect(await runTo(page, 150)).toBe(150);
  await expect.poll(() => step(page)).toBe(150);
  const first = await planePixels(page, 1);

  const again = await context.newPage();
  await again.emulateMedia({ reducedMotion: 'reduce' });
  await live(again, url);
  await runTo(again, 150);
  await expect.poll(() => step(again)).toBe(150);
  expect(meanAbsoluteDifference(first, await planePixels(again, 1))).toBeLessThan(0.5);

  // Settings write the URL; a preset replaces it.
  await again.locator(`${root} summary`).click();
  await again.locator(`${root} input[name="seed"]`).fill('8');
  await again.locator(`${root} .pg-form button[type="submit"]`).click();
  await expect.poll(() => again.evaluate(() => location.hash)).toBe('#preset=ring-converge&seed=8&gu=32&runs=non-saturating%2Chinge');
  await again.locator(`${root} [data-control="preset"]`).selectOption('grid-wgan-gp');
  await expect.poll(() => again.evaluate(() => location.hash)).toBe('#preset=grid-wgan-gp');
  await expect(again.locator(`${root} .pg-stats`).first()).toHaveText(/modes \d+\/25/);
});

test('bad URL parameters fall back to defaults with a note, never a broken page', async ({ page }) => {
  await live(page, `${PAGE}#target=pentagon&gu=100000&glr=NaN&runs=softmax`);
  const note = page.locator(`${root} .pg-message`);
  await expect(note).toHaveText(/^Ignored in the URL \(defaults used instead\)/);
  for (const part of [/target: "pentagon"/, /gu: "100000"/, /glr: "NaN"/, /runs: unknown loss "softmax"/])
    await expect(note).toHaveText(part);
  await expect(page.locator(`${root} select[name="target"]`)).toHaveValue('ring');
  await expect(page.locator(`${root} input[name="gu"]`)).toHaveValue('64');
  await expect(page.locator(`${root} .pg-run`)).toHaveCount(1);
});

test('numTensors in the worker is flat over 2,000 steps', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await live(page);
  await runTo(page, 100);
  const start = await numTensors(page);
  await runTo(page, 2100);
  expect(await step(page)).toBe(2100);
  expect(await numTensors(page)).toBe(start);
});

test('training pauses off screen and in a hidden tab, and resumes', async ({ page }) => {
  await live(page);
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(10);
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '400vh';
    document.querySelector('#playground')!.after(spacer);
    window.scrollTo(0, document.body.scrollHeight);
  });
  await expect(page.locator(root)).toHaveAttribute('data-held', 'true');
  // The worker answers in order, so after this round trip no tick is in flight.
  await settle(page);
  const held = await step(page);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  await settle(page);
  expect(await step(page)).toBe(held);

  await page.locator(root).scrollIntoViewIfNeeded();
  await expect(page.locator(root)).toHaveAttribute('data-held', 'false');
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(held);

  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.locator(root)).toHaveAttribute('data-held', 'true');
});

test('no backend: a clear message and a readable page', async ({ page }) => {
  // Headless chromium has no WebGPU adapter, so forcing it leaves nothing to run on.
  await page.goto(`${PAGE}?backend=webgpu`);
  await expect(page.locator(root)).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(page.locator(`${root} .pg-message`)).toHaveText(/cannot train here: The requested backend "webgpu" is not usable here/);
  await expect(page.locator(`${root} [data-action="play"]`)).toBeDisabled();
  await expect(page.locator('h1')).toHaveText('GAN training playground');
});

test('phone width: nothing overflows sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await live(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('axe finds no violations on the live playground', async ({ page }) => {
  await live(page);
  await page.locator(`${root} summary`).click();
  const results = await new AxeBuilder({ page }).include(root).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the compact island in the training-failures article trains in place and leaves the URL alone', async ({ page }) => {
  await page.goto('posts/gan-training-failures/');
  const island = page.locator('#playground-ring-collapse');
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-state', 'live', { timeout: 120_000 });
  await expect(island.locator('.pg-settings')).toHaveCount(0);
  await expect(island.locator('.pg-run h3')).toHaveText(['minimax']);
  await expect.poll(async () => Number(await island.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(10);
  expect(await page.evaluate(() => location.hash)).toBe('');
});
