import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  activate,
  canvasPixels,
  expect,
  fallbackPixels,
  ISLANDS,
  meanAbsoluteDifference,
  POST,
  REAL_BACKENDS,
  standardDeviation,
  test,
} from './helpers.ts';

// Islands load TF.js and models, and SwiftShader compiles WebGL shaders slowly on a shared CPU.
test.describe.configure({ timeout: 180_000 });

/** Resolves after the page has rendered `frames` animation frames (a walk that moves, moves in them). */
function animationFrames(page: Page, frames: number): Promise<void> {
  return page.evaluate(
    (frames) =>
      new Promise<void>((resolve) => {
        let left = frames;
        const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    frames,
  );
}

test('every island replaces its fallback with a non-blank live canvas and names its backend', async ({ page }) => {
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (/\/models\/dcgan\/[^/]+$/.test(request.url())) downloads.push(new URL(request.url()).pathname.replace(/^.*\/models\//, ''));
  });
  await page.goto(POST);
  for (const id of ISLANDS) {
    const island = await activate(page, id);
    await expect(island).toHaveAttribute('data-state', 'live');
    await expect(island.locator('canvas.mm-canvas')).toBeVisible();
    await expect(island.locator('img.mm-fallback')).toBeHidden();
    await expect(island.locator('.mm-badge')).toHaveText(REAL_BACKENDS);
    await expect(island.locator('.mm-badge')).toHaveText(/\d+ ms$/);
    expect(standardDeviation(await canvasPixels(page, id)), `${id} canvas is not blank`).toBeGreaterThan(5);
  }
  // Three islands use dcgan; the page's one worker downloads each of its files once.
  expect(downloads.length).toBeGreaterThan(0);
  expect(downloads.toSorted()).toEqual([...new Set(downloads)].toSorted());
});

for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
  test(`?backend=${backend} runs the islands on ${backend}`, async ({ page }) => {
    await page.goto(`${POST}?backend=${backend}`);
    for (const id of ['sample-grid', 'conditional-sampler'] as const) {
      const island = await activate(page, id);
      await expect(island).toHaveAttribute('data-state', 'live');
      await expect(island.locator('.mm-badge')).toHaveText(new RegExp(`^${backend} · \\d+ ms$`));
      expect(standardDeviation(await canvasPixels(page, id))).toBeGreaterThan(5);
    }
  });
}

test('a seed in the URL hash reproduces the same pixels', async ({ page, context }) => {
  await page.goto(`${POST}#sample-grid=1234`);
  await activate(page, 'sample-grid');
  await expect(page.locator('#sample-grid [data-control="seed"]')).toHaveValue('1234');
  const first = await canvasPixels(page, 'sample-grid');

  const again = await context.newPage();
  await again.goto(`${POST}#sample-grid=1234`);
  await activate(again, 'sample-grid');
  expect(meanAbsoluteDifference(first, await canvasPixels(again, 'sample-grid'))).toBeLessThan(0.5);

  const other = await context.newPage();
  await other.goto(`${POST}#sample-grid=99`);
  await activate(other, 'sample-grid');
  expect(meanAbsoluteDifference(first, await canvasPixels(other, 'sample-grid'))).toBeGreaterThan(2);
});

test('the build-time fallback and the live canvas agree for the same seed', async ({ page }) => {
  await page.goto(POST);
  for (const id of ISLANDS) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    const fallback = await fallbackPixels(page, id);
    await activate(page, id);
    if (id === 'latent-walk') {
      // The walk starts playing at once; compare its first frame by pausing at position 0.
      await page.locator('#latent-walk [data-action="play"]').click();
      await page.locator('#latent-walk [data-control="position"]').fill('0');
      await expect(page.locator('#latent-walk [data-action="play"]')).toHaveAttribute('aria-pressed', 'false');
      await expect(page.locator('#latent-walk')).toHaveAttribute('data-animating', 'false');
    }
    // Backends differ in float rounding; on grey levels 0-255 a mean difference under 2 is "the same picture".
    // Polled: the paused walk's position-0 frame may still be on its way from the worker.
    await expect
      .poll(async () => meanAbsoluteDifference(fallback, await canvasPixels(page, id)), { message: `${id}: fallback vs live` })
      .toBeLessThan(2);
  }
});

test('every control works from the keyboard', async ({ page }) => {
  await page.goto(`${POST}?backend=wasm`);

  await activate(page, 'sample-grid');
  const seed = page.locator('#sample-grid [data-control="seed"]');
  await seed.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('777');
  await page.keyboard.press('Tab');
  await expect(page).toHaveURL(/#sample-grid=777$/);
  await expect(page.locator('#sample-grid canvas')).toHaveAttribute('aria-label', /seed 777/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#sample-grid [data-action="regenerate"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/#sample-grid=777$/);

  await activate(page, 'conditional-sampler');
  await page.locator('#conditional-sampler [data-digit="0"]').focus();
  await page.keyboard.press('7');
  await expect(page.locator('#conditional-sampler [data-digit="7"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#conditional-sampler [data-digit="7"]')).toBeFocused();
  await expect(page.locator('#conditional-sampler canvas')).toHaveAttribute('aria-label', /digit 7/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator('#conditional-sampler [data-control="hold"]')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('#conditional-sampler canvas')).toHaveAttribute('aria-label', /digits 0 to 9 in one handwriting style/);

  await activate(page, 'latent-walk');
  const play = page.locator('#latent-walk [data-action="play"]');
  await play.focus();
  const pressed = await play.getAttribute('aria-pressed');
  await page.keyboard.press('Enter');
  await expect(play).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true');
  const position = page.locator('#latent-walk [data-control="position"]');
  await position.focus();
  await page.keyboard.press('End');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await expect(position).toHaveAttribute('aria-valuetext', /keyframe 6\.0 of 6/);

  await activate(page, 'training-scrubber');
  const step = page.locator('#training-scrubber [data-control="step"]');
  await step.focus();
  await page.keyboard.press('Home');
  await expect(step).toHaveValue('0');
  await expect(page.locator('#training-scrubber .mm-step')).toHaveText(/^step \d+$/);
  await expect(page.locator('#training-scrubber canvas')).toHaveAttribute('aria-label', /after \d+ training steps/);

  await activate(page, 'digit-probe');
  await page.locator('#digit-probe [data-action="clear"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#digit-probe .mm-verdict')).toHaveText('Draw a digit.');
  // Draw a vertical stroke with the keyboard: Shift+arrows ink as the pen moves.
  await page.locator('#digit-probe canvas').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 14; i++) await page.keyboard.press('Shift+ArrowDown');
  await expect(page.locator('#digit-probe .mm-verdict')).toHaveText(/^Classifier: \d \(\d+ %\)$/);
  await page.locator('#digit-probe [data-action="sample"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#digit-probe canvas')).toHaveAttribute('aria-label', /from the dcgan generator/);
});

test('the digit probe classifies the same digit as the build did', async ({ page }) => {
  await page.goto(POST);
  const before = await page.locator('#digit-probe .mm-verdict').textContent();
  expect(before).toMatch(/^Classifier: \d \(\d+ %\)$/);
  await activate(page, 'digit-probe');
  await expect(page.locator('#digit-probe')).toHaveAttribute('data-state', 'live');
  const digit = /Classifier: (\d)/.exec(before ?? '')?.[1];
  await expect(page.locator('#digit-probe .mm-verdict')).toHaveText(new RegExp(`^Classifier: ${digit} `));
});

test('the islands pass axe, before and after they go live', async ({ page }) => {
  await page.goto(`${POST}?backend=wasm`);
  const scan = () => new AxeBuilder({ page }).include('.mm-island').analyze();
  expect((await scan()).violations).toEqual([]);
  for (const id of ISLANDS) await activate(page, id);
  expect((await scan()).violations).toEqual([]);
});

for (const backend of ['webgl', 'wasm'] as const) {
  test(`the worker frees every tensor on ${backend}: numTensors is flat over 200 generations`, async ({ page }) => {
    await page.goto(`${POST}?backend=${backend}`);
    await activate(page, 'sample-grid');
    const counts = await page.evaluate(async () => {
      const minimax = (globalThis as unknown as { __minimax: { numTensors(): Promise<number>; generate(r: object): Promise<unknown> } })
        .__minimax;
      const request = { model: 'dcgan', seed: 1, n: 4 };
      await minimax.generate(request);
      const before = await minimax.numTensors();
      for (let i = 0; i < 200; i++) await minimax.generate({ ...request, seed: i });
      return { before, after: await minimax.numTensors() };
    });
    expect(counts.after).toBe(counts.before);
  });
}

test('before an island is near the viewport the page loads no TF.js', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || /\.wasm$/.test(request.url())) scripts.push(new URL(request.url()).pathname);
  });
  let workers = 0;
  page.on('worker', () => workers++);
  await page.setViewportSize({ width: 800, height: 300 });
  await page.goto(POST);
  await page.waitForLoadState('networkidle');
  expect(workers).toBe(0);
  expect(scripts.filter((s) => /worker|tfjs|\.wasm$/.test(s))).toEqual([]);
  await activate(page, 'sample-grid');
  expect(workers).toBe(1);
});

test('the latent walk plays on its own, pauses off screen, and waits for a click under reduced motion', async ({ page }) => {
  await page.goto(`${POST}?backend=wasm`);
  await activate(page, 'latent-walk');
  const play = page.locator('#latent-walk [data-action="play"]');
  const position = page.locator('#latent-walk [data-control="position"]');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => Number(await position.inputValue())).toBeGreaterThan(0.05);

  // Off screen: the walk stops requesting frames and its position stays put over many frames
  // (still "playing", so it resumes when back on screen).
  await page.locator('h1').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => scrollTo(0, 0));
  await expect(page.locator('#latent-walk')).toHaveAttribute('data-animating', 'false');
  const parked = await position.inputValue();
  await animationFrames(page, 60);
  expect(await position.inputValue()).toBe(parked);
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await page.locator('#latent-walk').scrollIntoViewIfNeeded();
  await expect(page.locator('#latent-walk')).toHaveAttribute('data-animating', 'true');
  await expect.poll(async () => await position.inputValue()).not.toBe(parked);

  // Reduced motion: nothing moves until the reader presses Play, and then the walk does move.
  const reduced = await page.context().newPage();
  await reduced.emulateMedia({ reducedMotion: 'reduce' });
  await reduced.goto(`${POST}?backend=wasm`);
  await activate(reduced, 'latent-walk');
  const reducedPlay = reduced.locator('#latent-walk [data-action="play"]');
  const reducedPosition = reduced.locator('#latent-walk [data-control="position"]');
  await expect(reducedPlay).toHaveAttribute('aria-pressed', 'false');
  await expect(reduced.locator('#latent-walk')).not.toHaveAttribute('data-animating', 'true');
  await animationFrames(reduced, 60);
  expect(Number(await reducedPosition.inputValue())).toBe(0);
  await reducedPlay.click();
  await expect(reduced.locator('#latent-walk')).toHaveAttribute('data-animating', 'true');
  await expect.poll(async () => Number(await reducedPosition.inputValue())).toBeGreaterThan(0.05);
});
