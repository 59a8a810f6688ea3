import { describe, expect, it } from 'vitest';
import { CACHE_CONTROL, headerRules } from '../../../src/integrations/static-hosting.ts';
import {
  formatHeadersFile,
  headersFor,
  metaCsp,
  parseCsp,
  parseHeadersFile,
  patternMatches,
  unionCsp,
} from '../../../src/lib/headers-file.ts';

describe('_headers files', () => {
  it('parses what it formats, comments and blank lines aside', () => {
    const rules = [
      { pattern: '/minimax/*', headers: [['X-Content-Type-Options', 'nosniff']] as [string, string][] },
      { pattern: '/minimax/_astro/*', headers: [['Cache-Control', 'public, max-age=31536000, immutable']] as [string, string][] },
    ];
    expect(parseHeadersFile(formatHeadersFile(rules, 'generated\nsecond line'))).toEqual(rules);
  });

  it('names the file and line of a header without a pattern or without a colon', () => {
    expect(() => parseHeadersFile('  X-A: 1\n', 'public/_headers')).toThrow(/public\/_headers:1: a header line needs a URL pattern/);
    expect(() => parseHeadersFile('/*\n  no colon here\n', 'public/_headers')).toThrow(/public\/_headers:2: expected "Name: value"/);
  });

  it('matches splats across slashes and placeholders within one segment', () => {
    expect(patternMatches('/_astro/*', '/_astro/a/b.js')).toBe(true);
    expect(patternMatches('/*/', '/posts/x/')).toBe(true);
    expect(patternMatches('/*/', '/_astro/x.js')).toBe(false);
    expect(patternMatches('/models/:name/card.json', '/models/dcgan/card.json')).toBe(true);
    expect(patternMatches('/models/:name/card.json', '/models/a/b/card.json')).toBe(false);
    expect(patternMatches('/a.b', '/aXb')).toBe(false);
  });

  it('joins a header set by two matching rules, as the hosts do', () => {
    const rules = parseHeadersFile('/*\n  Cache-Control: no-cache\n/_astro/*\n  Cache-Control: immutable\n');
    expect(headersFor(rules, '/_astro/x.css').get('cache-control')).toBe('no-cache, immutable');
  });
});

describe('the generated rules', () => {
  const files = [
    'index.html',
    'posts/a/index.html',
    '_astro/site.abc.js',
    '_astro/tfjs-backend-wasm-simd-X.wasm',
    'models/dcgan/card.json',
    'models/dcgan/group1-shard1of1.bin',
    'models/dcgan/timeline/step-0/group1-shard1of1.bin',
    'sw.js',
  ];
  const rules = headerRules('/minimax/', "default-src 'self'", files);
  const at = (url: string) => headersFor(rules, url);

  it('never set one header twice for a URL (the hosts would join the values)', () => {
    const urls = [
      '/minimax/',
      '/minimax/posts/a/',
      '/minimax/404.html',
      '/minimax/_astro/site.abc.js',
      '/minimax/_astro/tfjs-backend-wasm-simd-X.wasm',
      '/minimax/models/dcgan/card.json',
      '/minimax/models/dcgan/group1-shard1of1.bin',
      '/minimax/models/dcgan/timeline/step-0/group1-shard1of1.bin',
      '/minimax/sw.js',
    ];
    for (const url of urls) {
      const counts = new Map<string, number>();
      for (const rule of rules)
        if (patternMatches(rule.pattern, url)) for (const [name] of rule.headers) counts.set(name, (counts.get(name) ?? 0) + 1);
      for (const [name, count] of counts) expect(count, `${name} on ${url}`).toBe(1);
    }
  });

  it('give pages no-cache, hashed assets a year, model files a short life, and WASM and shards their types', () => {
    expect(at('/minimax/').get('cache-control')).toBe('no-cache');
    expect(at('/minimax/posts/a/').get('cache-control')).toBe('no-cache');
    expect(at('/minimax/sw.js').get('cache-control')).toBe('no-cache');
    expect(at('/minimax/_astro/site.abc.js').get('cache-control')).toBe(CACHE_CONTROL.hashed);
    expect(at('/minimax/_astro/tfjs-backend-wasm-simd-X.wasm').get('content-type')).toBe('application/wasm');
    expect(at('/minimax/models/dcgan/card.json').get('cache-control')).toBe(CACHE_CONTROL.models);
    expect(at('/minimax/models/dcgan/timeline/step-0/group1-shard1of1.bin').get('content-type')).toBe('application/octet-stream');
    expect(at('/minimax/models/dcgan/card.json').get('content-type')).toBeUndefined();
    expect(at('/minimax/posts/a/').get('content-security-policy')).toBe("default-src 'self'");
    expect(at('/elsewhere/').size).toBe(0);
  });
});

describe('Content-Security-Policy helpers', () => {
  it('reads the meta policy, entities decoded', () => {
    expect(metaCsp('<meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src &#39;self&#39;">')).toBe(
      "script-src 'self'",
    );
    expect(metaCsp('<meta charset="utf-8">')).toBeUndefined();
  });

  it('unites the pages’ hashes per directive and refuses policies with different directives', () => {
    const union = unionCsp(["script-src 'self' 'sha256-a'; style-src 'self'", "script-src 'self' 'sha256-b'; style-src 'self' 'sha256-c'"]);
    expect(union.get('script-src')).toEqual(["'self'", "'sha256-a'", "'sha256-b'"]);
    expect(union.get('style-src')).toEqual(["'self'", "'sha256-c'"]);
    expect(() => unionCsp(["script-src 'self'; img-src 'self'", "script-src 'self'"])).toThrow(/no img-src directive/);
    expect(parseCsp("script-src 'self'; script-src *").get('script-src')).toEqual(["'self'"]);
  });
});
