import { chromium } from 'playwright-core';
import { serveStatic } from '/work/main/tests/bench/static-server.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '/work/main/tests/chromium.ts';
const server = await serveStatic(process.argv[2] ?? '/tmp/build-pg', '/');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
const t0 = Date.now();
await page.goto(`${server.url}playground/${process.argv[3] ?? ''}`);
await page.waitForSelector('[data-first-frame]', { timeout: 30000 });
console.log('first preview frame', Date.now() - t0);
await page.waitForSelector('.pg[data-state="live"]', { timeout: 60000 });
console.log('first worker frame', Date.now() - t0);
for (let i = 0; i < 6; i++) {
  await page.waitForTimeout(2000);
  console.log(await page.evaluate(() => ({ f: (globalThis as any).__minimaxPlayground?.frame(), msg: document.querySelector('.pg-message')?.textContent, be: document.querySelector('.pg-backend')?.textContent, rate: document.querySelector('.pg-rate')?.textContent })));
}
await page.screenshot({ path: '/tmp/pg/shot.png', fullPage: true });
await browser.close();
await server.close();
