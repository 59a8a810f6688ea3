import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import publishModels from '../../../src/integrations/publish-models.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = 'tests/fixtures/models/islands';

type Middleware = (req: { url: string }, res: PassThrough & { setHeader(k: string, v: string): void }, next: () => void) => void;

/** Runs the integration's setup hook and returns what it gave Vite. */
async function setUp(base: string, fallbackDir = mkdtempSync(join(tmpdir(), 'fallback-'))) {
  const integration = publishModels({ modelsDir: FIXTURES, fallbackDir });
  let vite: { worker?: { format?: string }; plugins?: { configureServer(server: unknown): void }[] } = {};
  const setup = integration.hooks['astro:config:setup'] as (options: unknown) => Promise<void> | void;
  await setup({ config: { root: pathToFileURL(`${ROOT}/`), base }, updateConfig: (c: { vite: typeof vite }) => (vite = c.vite) });
  let middleware: Middleware | undefined;
  vite.plugins?.[0]?.configureServer({ middlewares: { use: (m: Middleware) => (middleware = m) } });
  return { integration, vite, middleware: middleware! };
}

function request(middleware: Middleware, url: string): Promise<{ status: 'served' | 'next'; body: Buffer; type?: string }> {
  return new Promise((resolve) => {
    const res = Object.assign(new PassThrough(), {
      type: undefined as string | undefined,
      setHeader(key: string, value: string) {
        if (key === 'Content-Type') res.type = value;
      },
    });
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ status: 'served', body: Buffer.concat(chunks), ...(res.type ? { type: res.type } : {}) }));
    middleware({ url }, res, () => resolve({ status: 'next', body: Buffer.alloc(0) }));
  });
}

describe('publish-models integration', () => {
  it('switches Vite workers to ES modules', async () => {
    const { vite } = await setUp('/');
    expect(vite.worker?.format).toBe('es');
  });

  it('serves artifacts and checkpoints under the base in dev, and nothing else', async () => {
    const { middleware } = await setUp('/minimax/');
    const card = await request(middleware, '/minimax/models/dcgan/card.json');
    expect(card.status).toBe('served');
    expect(card.type).toBe('application/json');
    expect(card.body.equals(readFileSync(join(ROOT, FIXTURES, 'dcgan/artifact/card.json')))).toBe(true);
    expect((await request(middleware, '/minimax/models/dcgan/timeline/step-200/group1-shard1of1.bin')).type).toBe(
      'application/octet-stream',
    );
    expect((await request(middleware, '/minimax/models/dcgan/timeline/timeline.json')).status).toBe('served');
    expect((await request(middleware, '/minimax/models/dcgan/missing.bin')).status).toBe('next');
    expect((await request(middleware, '/minimax/models/../../package.json')).status).toBe('next');
    expect((await request(middleware, '/minimax/fallback/../../package.json')).status).toBe('next');
    expect((await request(middleware, '/models/dcgan/card.json')).status).toBe('next');
  });

  it('copies the published files into the build output', async () => {
    const { integration } = await setUp('/');
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    const done = integration.hooks['astro:build:done'] as (options: unknown) => Promise<void>;
    await done({ dir: pathToFileURL(`${out}/`), logger: { info: () => {} } });
    expect(existsSync(join(out, 'models/cgan/model.json'))).toBe(true);
    expect(existsSync(join(out, 'models/dcgan/timeline/step-800/card.json'))).toBe(true);
    expect(existsSync(join(out, 'models/dcgan/timeline/timeline.json'))).toBe(true);
    expect(existsSync(join(out, 'models/islands'))).toBe(false);
  });

  it('publishes the fallback images the built pages show, also those of pages copied from the previous build', async () => {
    const fallbacks = mkdtempSync(join(tmpdir(), 'fallback-'));
    const shown = 'a'.repeat(16);
    const stale = 'b'.repeat(16);
    for (const name of [shown, stale]) writeFileSync(join(fallbacks, `${name}.png`), name);
    const { integration } = await setUp('/', fallbacks);
    const done = integration.hooks['astro:build:done'] as (options: unknown) => Promise<void>;
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    mkdirSync(join(out, 'posts/p'), { recursive: true });
    writeFileSync(join(out, 'posts/p/index.html'), `<img src="/fallback/${shown}.png" alt="">`);
    await done({ dir: pathToFileURL(`${out}/`), logger: { info: () => {} } });
    expect(readFileSync(join(out, `fallback/${shown}.png`), 'utf8')).toBe(shown);
    expect(existsSync(join(out, `fallback/${stale}.png`))).toBe(false); // no page shows it

    // A page that shows an image the cache no longer has: the build says which and what to do.
    const missing = 'c'.repeat(16);
    writeFileSync(join(out, 'posts/p/index.html'), `<img src="/fallback/${missing}.png" alt="">`);
    await expect(done({ dir: pathToFileURL(`${out}/`), logger: { info: () => {} } })).rejects.toThrow(
      `posts/p/index.html shows fallback/${missing}.png`,
    );
  });
});
