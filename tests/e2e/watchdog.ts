/**
 * The one watchdog of every e2e test (site and islands): a test fails if its page threw, logged a
 * console error, or requested anything outside 127.0.0.1 (such requests are also aborted, so a
 * CDN or web font cannot slip in). A spec that provokes errors on purpose (the fault tests)
 * declares the console messages it expects with `test.use({ expectedConsoleErrors: [...] })`;
 * nothing else is excused.
 */
import { test as base, expect } from '@playwright/test';

export { expect };

const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);

/** Whether a URL stays on this machine (the preview server or an in-page scheme). */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return LOCAL_PROTOCOLS.has(parsed.protocol) || parsed.hostname === '127.0.0.1';
}

export interface PageProblems {
  /** Uncaught exceptions, unhandled rejections and console errors. */
  consoleErrors: string[];
  /** Requests that would have left 127.0.0.1. */
  externalRequests: string[];
}

export const test = base.extend<{ expectedConsoleErrors: RegExp[]; problems: PageProblems }>({
  expectedConsoleErrors: [[], { option: true }],
  problems: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: PageProblems = { consoleErrors: [], externalRequests: [] };
      page.on('console', (message) => {
        if (message.type() === 'error' && !expectedConsoleErrors.some((re) => re.test(message.text())))
          problems.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${String(error)}`));
      page.on('request', (request) => {
        if (!isLocal(request.url())) problems.externalRequests.push(request.url());
      });
      await page.route(
        (url) => !isLocal(url.href),
        (route) => route.abort('blockedbyclient'),
      );
      await use(problems);
      expect(problems.externalRequests, 'requests that left 127.0.0.1').toEqual([]);
      expect(problems.consoleErrors, 'uncaught errors and console errors').toEqual([]);
    },
    { auto: true },
  ],
});
