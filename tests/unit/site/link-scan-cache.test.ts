/**
 * The after-build hooks keep what they derive from each page between builds (src/lib/page-facts.ts),
 * keyed by the SHA-256 of each page: an unchanged page is not parsed again (even when the
 * build copied it anew), an edited one always is, and a change of code or base path drops everything. The link
 * check is the hook tested end to end here.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PageFacts } from '../../../src/lib/page-facts.ts';
import { checkSiteLinks, decodeScan, encodeScan, type PageScan } from '../../../src/lib/site-links.ts';

const out = mkdtempSync(join(tmpdir(), 'minimax-page-facts-'));
const cacheFile = join(out, '.cache', 'facts.json');
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Writes a page; `build` sets its modification time, as a write in that build would. */
function page(rel: string, html: string, build: number): void {
  mkdirSync(join(out, rel, '..'), { recursive: true });
  writeFileSync(join(out, rel), `<!doctype html><html><body>${html}</body></html>`);
  const when = new Date(Date.UTC(2026, 0, 1, 0, build));
  utimesSync(join(out, rel), when, when);
}

function scans(version = 'v1'): PageFacts<PageScan> {
  return new PageFacts({ file: cacheFile, version, encode: encodeScan, decode: decodeScan });
}

/** One build's link check with the kept scans; saves them for the next build. */
function check(facts = scans()) {
  const problems = checkSiteLinks(out, { base: '/', scans: facts });
  facts.save();
  return { problems: problems.map((p) => `${p.page} ${p.url}`), read: facts.read };
}

describe('page facts kept between builds', () => {
  it('reuses the scan of an unchanged page, reads a rewritten one, and reports the same problems', () => {
    page('index.html', '<a href="/target/#here">in</a> <a href="/target/#gone">out</a>', 1);
    page('target/index.html', '<h2 id="here">Here</h2>', 1);
    expect(check()).toEqual({ problems: ['/ /target/#gone'], read: 2 });
    // Nothing changed: nothing is read, same verdict.
    expect(check()).toEqual({ problems: ['/ /target/#gone'], read: 0 });

    // A kept fact is what the check uses for an unchanged page: a forged one shows it.
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { pages: Record<string, { value: { ids: string[] } }> };
    stored.pages[join(out, 'target/index.html')]!.value.ids = [];
    writeFileSync(cacheFile, JSON.stringify(stored));
    expect(check()).toEqual({ problems: ['/ /target/#here', '/ /target/#gone'], read: 0 });

    // Copied anew with the same bytes (as the incremental build restores a page): still kept.
    page('target/index.html', '<h2 id="here">Here</h2>', 2);
    expect(check().read).toBe(0);
    // Edited (same size, other bytes): read again.
    page('target/index.html', '<h2 id="gone">Gone</h2>', 3);
    expect(check()).toEqual({ problems: ['/ /target/#here'], read: 1 });
  });

  it('drops every kept fact when the version (code, environment, base path) changes', () => {
    page('index.html', '<a href="/">home</a>', 4);
    check(scans('v1'));
    expect(check(scans('v1')).read).toBe(0);
    expect(check(scans('v2')).read).toBeGreaterThan(0);
  });

  it('reads every page when the kept file is unreadable or malformed', () => {
    page('index.html', '<a href="/">home</a>', 5);
    check();
    writeFileSync(cacheFile, '{not json');
    expect(check().read).toBeGreaterThan(0);
    writeFileSync(cacheFile, JSON.stringify({ version: 'v1', pages: { [join(out, 'index.html')]: { sha256: 'x', value: { ids: 3 } } } }));
    expect(check().read).toBeGreaterThan(0);
    expect(decodeScan({ ids: 3 })).toBeUndefined();
  });
});
