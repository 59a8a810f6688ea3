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
import { fileURLToPath } from 'node:url';

const MODELS_DIR = fileURLToPath(new URL('../../../models', import.meta.url));

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
