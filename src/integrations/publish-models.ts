/**
 * Publishes the committed model artifacts with the site (artifact contract in models/README.md):
 *   models/<name>/artifact/*              -> <base>/models/<name>/*
 *   models/<name>/timeline/step-<N>/*     -> <base>/models/<name>/timeline/step-<N>/*
 *   models/<name>/timeline/timeline.json  -> <base>/models/<name>/timeline/timeline.json
 * plus the islands' build-time fallback PNGs that the built pages show (<base>/fallback/*.png).
 * In dev a Vite middleware serves the files straight from disk; `astro build` copies them.
 * It also switches Vite's worker output to ES modules, which the islands' worker needs so
 * that each TF.js backend can be its own lazily loaded chunk.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isStringArray, keptPageFacts, type PageFacts } from '../lib/page-facts.ts';

export interface PublishModelsOptions {
  /** Folder holding `<name>/artifact/` folders, relative to the project root. Default "models". */
  modelsDir?: string;
  /** Where islands write fallback PNGs during the build. Default node_modules/.cache/minimax-islands/fallback. */
  fallbackDir?: string;
}

/** Every published file: URL path below the base -> file on disk. Pure apart from reading folders. */
export function publishedFiles(modelsDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()) : []);
  if (!existsSync(modelsDir)) return files;
  for (const name of readdirSync(modelsDir)) {
    const artifact = join(modelsDir, name, 'artifact');
    for (const file of list(artifact)) files.set(`models/${name}/${file}`, join(artifact, file));
    const timeline = join(modelsDir, name, 'timeline');
    if (!existsSync(timeline)) continue;
    for (const file of list(timeline)) if (file.endsWith('.json')) files.set(`models/${name}/timeline/${file}`, join(timeline, file));
    for (const step of readdirSync(timeline).filter((d) => /^step-\d+$/.test(d))) {
      for (const file of list(join(timeline, step))) files.set(`models/${name}/timeline/${step}/${file}`, join(timeline, step, file));
    }
  }
  return files;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

/** Fallback PNG names (`<16 hex>.png`) in a page's HTML. */
export function fallbacksIn(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(/fallback\/([0-9a-f]{16}\.png)/g), (m) => m[1]!))];
}

/**
 * Fallback PNG names referenced by the HTML pages under `out`, with a page that shows each;
 * `facts` keeps each page's names between builds (src/lib/page-facts.ts).
 */
export async function referencedFallbacks(out: string, facts?: PageFacts<string[]>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_astro' && entry.name !== 'pagefind' && entry.name !== 'models') await visit(full);
      } else if (entry.name.endsWith('.html')) {
        const names = facts ? facts.get(full, fallbacksIn) : fallbacksIn(await readFile(full, 'utf8'));
        for (const name of names) if (!found.has(name)) found.set(name, relative(out, full));
      }
    }
  };
  await visit(out);
  return found;
}

export default function publishModels(options: PublishModelsOptions = {}): AstroIntegration {
  let modelsDir = '';
  let fallbackDir = '';
  let root = '';
  return {
    name: 'minimax:publish-models',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        // MINIMAX_MODELS_DIR lets tests build the real site against the fixture models.
        modelsDir = resolve(root, options.modelsDir ?? process.env['MINIMAX_MODELS_DIR'] ?? 'models');
        fallbackDir = resolve(root, options.fallbackDir ?? 'node_modules/.cache/minimax-islands/fallback');
        // Read by src/runtime/fallback.node.ts while pages render (same process).
        process.env['MINIMAX_MODELS_DIR'] = modelsDir;
        process.env['MINIMAX_FALLBACK_DIR'] = fallbackDir;
        const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        updateConfig({
          vite: {
            worker: { format: 'es' },
            // Pre-bundle TF.js for `astro dev`: otherwise Vite discovers it inside the worker on
            // first use and reloads the page ("Outdated Optimize Dep").
            optimizeDeps: {
              include: [
                '@tensorflow/tfjs-core',
                '@tensorflow/tfjs-layers',
                '@tensorflow/tfjs-backend-cpu',
                '@tensorflow/tfjs-backend-webgl',
                '@tensorflow/tfjs-backend-wasm',
                '@tensorflow/tfjs-backend-webgpu',
                'seedrandom',
              ],
            },
            plugins: [
              {
                name: 'minimax:serve-models',
                configureServer(server) {
                  server.middlewares.use((req, res, next) => {
                    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
                    if (!url.startsWith(base)) return next();
                    const rel = url.slice(base.length);
                    const file = rel.startsWith('fallback/')
                      ? join(fallbackDir, rel.slice('fallback/'.length))
                      : publishedFiles(modelsDir).get(rel);
                    if (!file || !file.startsWith(rel.startsWith('fallback/') ? fallbackDir : modelsDir) || !existsSync(file)) {
                      return next();
                    }
                    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
                    res.setHeader('Cache-Control', 'no-cache');
                    import('node:fs').then(({ createReadStream }) => createReadStream(file).pipe(res));
                  });
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const files = publishedFiles(modelsDir);
        // The fallbacks the built pages show, whether rendered now or copied by the incremental
        // build from the previous one (whose renders left their PNGs in the same cache folder).
        const facts = keptPageFacts<string[]>(root, 'page-fallbacks', {
          encode: (names) => names,
          decode: (raw) => (isStringArray(raw) ? raw : undefined),
        });
        const referenced = await referencedFallbacks(out, facts);
        facts.save();
        for (const [name, page] of referenced) {
          const file = join(fallbackDir, name);
          if (!existsSync(file)) {
            throw new Error(
              `${page} shows fallback/${name}, which is not in ${fallbackDir} (was the cache folder removed?); run \`astro build --force\` to render every page again`,
            );
          }
          files.set(`fallback/${name}`, file);
        }
        for (const [rel, file] of files) {
          const target = join(out, rel);
          await mkdir(dirname(target), { recursive: true });
          await copyFile(file, target);
        }
        logger.info(`published ${files.size} model and fallback files`);
      },
    },
  };
}
