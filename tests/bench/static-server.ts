/**
 * A static file server for a built site on 127.0.0.1, behaving like an ordinary static host:
 * gzip for text when the client accepts it, /404.html for missing paths, and the headers of the
 * site's own `_headers` file (Netlify / Cloudflare Pages syntax, written by
 * src/integrations/static-hosting.ts) applied as those hosts do; without one, long-lived caching
 * for Astro's hashed assets and revalidation for everything else. The `_headers` file itself is
 * not served. Lighthouse's performance score depends on compression and caching, so serving
 * like a real host matters.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { headersFor, parseHeadersFile, type HeaderRule } from '../../src/lib/headers-file.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.xml', '.svg', '.txt', '.md', '.wasm']);

export interface StaticServer {
  /** origin + base, ending in '/', e.g. http://127.0.0.1:39123/ */
  url: string;
  close(): Promise<void>;
}

function resolveFile(root: string, urlPath: string): string | undefined {
  const rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = path.join(file, 'index.html');
  if (existsSync(index)) return index;
  return undefined;
}

export interface ServeOptions {
  /** the base path the site was built with, e.g. '/minimax/' (default '/') */
  base?: string;
}

/**
 * Serves `root` (a dist folder) under `options.base` on a free port of 127.0.0.1.
 * @throws Error naming `_headers` and the line when that file does not parse
 */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const base = options.base ?? '/';
  const headersFile = path.join(root, '_headers');
  const rules: HeaderRule[] = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8'), headersFile) : [];
  const server: Server = createServer((req, res) => {
    const urlPath = req.url ?? '/';
    const pathname = urlPath.split('?')[0] ?? '/';
    const inBase = pathname.startsWith(base) || `${pathname}/` === base;
    const rel = inBase ? `/${pathname.slice(base.length)}` : undefined;
    const found = rel === undefined || rel === '/_headers' ? undefined : resolveFile(root, rel);
    const file = found ?? path.join(root, '404.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const ext = path.extname(file);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': rel?.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    };
    // As on Netlify and Cloudflare Pages, _headers rules win over the defaults.
    const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
    for (const [name, value] of headersFor(rules, pathname)) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
      headers[canonical(name)] = value;
    }
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = String(statSync(file).size);
    }
    res.writeHead(found ? 200 : 404, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip({ level: 6 })) : stream).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
