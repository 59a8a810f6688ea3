import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.ts';
import { describePlayground, measurePlayground } from './playground-bench.ts';
void (async () => {
  const server = await serveStatic('/tmp/pgtree/tests/.output/e2e-pg', { base: '/minimax/' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const r = await measurePlayground(browser, server.url, 'playground/', 6);
  console.log(JSON.stringify(r));
  for (const l of describePlayground(r)) console.log(l);
  await browser.close();
  await server.close();
})();
