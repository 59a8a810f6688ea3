/**
 * Registers TF.js's gradient functions in Node.
 *
 * Why: in Node, `@tensorflow/tfjs-core` resolves to its CommonJS bundle, which (unlike the
 * umbrella `@tensorflow/tfjs`, not used here) registers no gradients, and the package's ESM
 * `dist/register_all_gradients.js` cannot be loaded by Node directly (extensionless imports).
 * So on first use we bundle that ESM entry with esbuild (already installed; nothing is
 * downloaded) into a CommonJS file cached under node_modules/.cache and require it. The bundle
 * carries its own copy of the ops the gradients use; TF.js keeps its engine, kernel and gradient
 * registries and Tensor class on the global object precisely so that copies cooperate.
 * In the browser, import `./register-gradients.ts` instead (Vite resolves the ESM entry).
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { getGradient, version_core } from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);

let done = false;

/** Idempotent; synchronous so it can run at import time. */
export function registerGradientsNode(): void {
  if (done || getGradient('Conv2D') !== undefined) {
    done = true;
    return;
  }
  const coreDir = path.dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
  const entry = path.join(coreDir, 'dist', 'register_all_gradients.js');
  const cacheDir = path.join(coreDir, '..', '..', '.cache', 'minimax');
  const bundle = path.join(cacheDir, `tfjs-gradients-${version_core}.cjs`);
  if (!existsSync(bundle)) {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${bundle}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      mainFields: ['module', 'main'],
      outfile: tmp,
      logLevel: 'error',
    });
    renameSync(tmp, bundle);
  }
  require(bundle);
  if (getGradient('Conv2D') === undefined) throw new Error('TF.js gradients failed to register');
  done = true;
}

registerGradientsNode();
