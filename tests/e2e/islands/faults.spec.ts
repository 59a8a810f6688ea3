import type { Page, Route } from '@playwright/test';
import { activate, expect, POST, test } from './helpers.ts';

// Islands load TF.js and models, and SwiftShader compiles WebGL shaders slowly on a shared CPU.
test.describe.configure({ timeout: 180_000 });
// The injected HTTP errors make Chromium log "Failed to load resource"; only that is expected here.
test.use({ expectedConsoleErrors: [/Failed to load resource/] });

/** Model files of the SampleGrid's model, whatever the shard names are. */
const SHARD = /\/models\/dcgan\/[^/]+\.bin$/;
const MODEL_JSON = /\/models\/dcgan\/model\.json$/;

async function expectReadableArticle(page: Page) {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.getByText('A trained GAN generator is a function').first()).toBeVisible();
  // The fallback picture stays in place of the live canvas.
  await expect(page.locator('#sample-grid img.mm-fallback')).toBeVisible();
}

async function expectFailure(page: Page, message: RegExp) {
  const island = await activate(page, 'sample-grid');
  await expect(island).toHaveAttribute('data-state', 'error');
  await expect(island.locator('.mm-message')).toHaveText(message);
  await expect(island.locator('[data-action="regenerate"]')).toBeDisabled();
  await expectReadableArticle(page);
}

test('model 404: a clear message, the fallback image stays', async ({ page }) => {
  await page.route(MODEL_JSON, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(POST);
  await expectFailure(page, /model\.json was not found \(HTTP 404\)/);
});

test('truncated weight shard: refused with a clear message', async ({ page }) => {
  await page.route(SHARD, async (route: Route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
  });
  await page.goto(POST);
  await expectFailure(page, /truncated: received \d+ of \d+ bytes/);
});

test('one altered byte: the SHA-256 check refuses the shard', async ({ page }) => {
  await page.route(SHARD, async (route: Route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[Math.floor(body.length / 2)]! ^= 0xff;
    await route.fulfill({ response, body });
  });
  await page.goto(POST);
  await expectFailure(page, /is corrupt: its SHA-256 .* does not match the model card/);
});

test('no usable backend: a clear message', async ({ page }) => {
  // Debian's headless chromium has no WebGPU adapter, so forcing WebGPU leaves nothing to run on.
  await page.goto(`${POST}?backend=webgpu`);
  await expectFailure(page, /backend "webgpu" is not usable here/);
});

test('slow network: byte progress is shown and the page stays responsive', async ({ page }) => {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(SHARD, async (route: Route) => {
    await released;
    await route.continue();
  });
  await page.goto(POST);
  const island = page.locator('#sample-grid');
  await island.scrollIntoViewIfNeeded();
  await expect(island.locator('.mm-progress')).toBeVisible({ timeout: 60_000 });
  await expect(island.locator('.mm-message')).toHaveText(/Downloading the model: [\d.]+ KB of [\d.]+ (KB|MB)/);
  // The main thread is free while the download hangs.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(Date.now() - started).toBeLessThan(1000);
  await expectReadableArticle(page);
  release();
  await expect(island).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expect(island.locator('.mm-progress')).toBeHidden();
});

test('WebGL context lost mid-session: the runtime recovers on another backend', async ({ page }) => {
  await page.goto(`${POST}?backend=webgl`);
  const island = await activate(page, 'sample-grid');
  await expect(island.locator('.mm-badge')).toHaveText(/^webgl/);
  const lost = await page.evaluate(() =>
    (globalThis as unknown as { __minimax: { loseContext(): Promise<boolean> } }).__minimax.loseContext(),
  );
  expect(lost).toBe(true);
  await island.locator('[data-action="regenerate"]').click();
  await expect(island.locator('.mm-message')).toHaveText(/webgl context was lost; now running on (wasm|cpu)/, { timeout: 60_000 });
  await expect(island.locator('.mm-badge')).toHaveText(/^(wasm|cpu) · \d+ ms$/);
  await expect(island).toHaveAttribute('data-state', 'live');
});
