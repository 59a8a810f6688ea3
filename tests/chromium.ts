/**
 * How every browser in this project's tests and benchmarks is started: Debian's
 * chromium (never a Playwright download), headless, as root (no sandbox), with no
 * background traffic leaving the machine, and WebGL on SwiftShader.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
