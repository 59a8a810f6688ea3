/**
 * The link check keeps each page's scan (ids and links) between builds, keyed by the SHA-256 of
 * the page's HTML: an unchanged page is not parsed again, an edited one always is.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSiteLinks, type PageScan, scansFromJson, scansToJson } from '../../../src/lib/site-links.ts';

const out = mkdtempSync(join(tmpdir(), 'minimax-link-scans-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function page(rel: string, html: string): void {
  mkdirSync(join(out, rel, '..'), { recursive: true });
  writeFileSync(join(out, rel), `<!doctype html><html><body>${html}</body></html>`);
}

/** One build's check: the scans it used become the next build's previous ones. */
function check(previous: ReadonlyMap<string, PageScan>) {
  const used = new Map<string, PageScan>();
  const problems = checkSiteLinks(out, { base: '/', scans: { previous, used } });
  return { problems: problems.map((p) => `${p.page} ${p.url}`), used };
}

describe('link check with kept page scans', () => {
  it('reuses the scan of an unchanged page, parses an edited one, and reports the same problems', () => {
    page('index.html', '<a href="/target/#here">in</a> <a href="/target/#gone">out</a>');
    page('target/index.html', '<h2 id="here">Here</h2>');
    const first = check(new Map());
    expect(first.problems).toEqual(['/ /target/#gone']);
    expect(first.used.size).toBe(2);

    // Through JSON, as the file between builds keeps them: the same verdict.
    const kept = scansFromJson(scansToJson(first.used));
    expect(check(kept).problems).toEqual(['/ /target/#gone']);

    // A kept scan is what the check reads for an unchanged page: a forged one shows it.
    const forged = new Map([...kept].map(([hash, scan]) => [hash, scan.ids.has('here') ? { ids: new Set<string>(), links: [] } : scan]));
    expect(check(forged).problems).toEqual(['/ /target/#here', '/ /target/#gone']);

    // The target is edited: its new HTML has another hash, so it is parsed, whatever was kept.
    page('target/index.html', '<h2 id="here">Here</h2><h2 id="gone">Back</h2>');
    expect(check(forged).problems).toEqual([]);
  });

  it('treats an unreadable or malformed scans file as no scans', () => {
    expect(scansFromJson('{not json').size).toBe(0);
    expect(scansFromJson('{"abc": {"ids": 3}}').size).toBe(0);
  });
});
