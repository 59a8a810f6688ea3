/**
 * Helpers of the island specs. `test` and `expect` are the shared watchdog's
 * (tests/e2e/watchdog.ts): every test fails on a page error, a console error or a request
 * outside 127.0.0.1; the fault specs declare the console errors they provoke.
 */
import type { Page } from '@playwright/test';
import { expect } from '../watchdog.ts';

export { expect, test } from '../watchdog.ts';

/** The demo post that uses every island. */
export const POST = 'posts/live-samples/';
export const ISLANDS = ['sample-grid', 'conditional-sampler', 'latent-walk', 'training-scrubber', 'digit-probe'] as const;
export const REAL_BACKENDS = /^(webgpu|webgl|wasm|cpu)\b/;

/** Scrolls an island into view and waits until it is live (or failed). */
export async function activate(page: Page, id: string, timeout = 60_000) {
  const island = page.locator(`#${id}`);
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-state', /^(live|error)$/, { timeout });
  return island;
}

/** Grey levels of the island's live canvas. */
export function canvasPixels(page: Page, id: string): Promise<number[]> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${id} canvas.mm-canvas`)!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]!);
  }, id);
}

/** Grey levels of the island's build-time fallback image, drawn at its natural size. */
export function fallbackPixels(page: Page, id: string): Promise<number[]> {
  return page.evaluate(async (id) => {
    const img = document.querySelector<HTMLImageElement>(`#${id} img.mm-fallback`)!;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]!);
  }, id);
}

export function standardDeviation(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

export function meanAbsoluteDifference(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length;
}
