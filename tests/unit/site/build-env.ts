/**
 * Environment for `astro build` child processes started from Vitest. Vitest puts
 * its own Vite variables (NODE_ENV=test, BASE_URL, MODE, DEV, PROD, SSR) into
 * process.env; a child build must not inherit them, or it would not be a
 * production build.
 *
 * Fixture sites share the real `src/`, whose writer's guide embeds islands that
 * name the shipped models; `MINIMAX_MODELS_DIR` points the island-model check at
 * the repository's `models/` so a fixture build fails only on what it tests.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MODELS_DIR = `${REPO}models`;

export function productionBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(NODE_ENV|BASE_URL|MODE|DEV|PROD|SSR|TEST|VITEST.*)$/.test(key)) delete env[key];
  }
  return {
    ...env,
    NODE_ENV: 'production',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    MINIMAX_MODELS_DIR: MODELS_DIR,
    ...extra,
  };
}

/**
 * Builds the fixture site `tests/fixtures/site/<name>` with the project's Node (npm scripts put
 * Node 24 first on PATH) and returns the exit status and everything the build printed.
 */
export function buildFixture(name: string, extra: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [`${REPO}node_modules/astro/bin/astro.mjs`, 'build', '--root', `${REPO}tests/fixtures/site/${name}`],
    {
      encoding: 'utf8',
      env: productionBuildEnv(extra),
      timeout: 120_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
