/**
 * The bibliography: BibTeX parsed by @retorquere/bibtex-parser into display entries,
 * merged across files, with clear errors for what a writer can get wrong.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allAuthors,
  bibliographyDirFor,
  entryHref,
  loadBibliography,
  mergeBibliographies,
  parseBibliography,
  shortAuthors,
} from '../../../src/lib/bibliography.ts';

const gan = String.raw`
@inproceedings{goodfellow2014,
  author = {Goodfellow, Ian and Pouget-Abadie, Jean and Mirza, Mehdi},
  title = {Generative Adversarial {Nets}},
  booktitle = {NeurIPS},
  year = {2014},
  eprint = {1406.2661},
  archivePrefix = {arXiv}
}
@article{odena2019,
  author = {Odena, Augustus},
  title = {Open Questions about Generative Adversarial Networks},
  journal = {Distill},
  year = {2019},
  doi = {https://doi.org/10.23915/distill.00018}
}
@inproceedings{oord2016,
  author = {van den Oord, A{\"a}ron and Kalchbrenner, Nal},
  title = {Pixel Recurrent Neural Networks},
  booktitle = {ICML},
  year = {2016},
  eprint = {1601.06759}
}`;

describe('parseBibliography', () => {
  const [goodfellow, odena, oord] = parseBibliography(gan, 'refs.bib');

  it('reads authors, title without braces, year, venue and links', () => {
    expect(goodfellow).toMatchObject({
      key: 'goodfellow2014',
      authors: ['Ian Goodfellow', 'Jean Pouget-Abadie', 'Mehdi Mirza'],
      title: 'Generative Adversarial Nets',
      year: '2014',
      venue: 'NeurIPS',
      arxiv: '1406.2661',
      file: 'refs.bib',
    });
    expect(entryHref(goodfellow!)).toBe('https://arxiv.org/abs/1406.2661');
  });

  it('strips a resolver prefix from a DOI and links the DOI when there is no arXiv id', () => {
    expect(odena?.doi).toBe('10.23915/distill.00018');
    expect(entryHref(odena!)).toBe('https://doi.org/10.23915/distill.00018');
  });

  it('turns TeX accents into Unicode and keeps name prefixes with the family name', () => {
    expect(oord?.authors[0]).toBe('Aäron van den Oord');
    expect(oord?.familyNames[0]).toBe('van den Oord');
    expect(oord?.arxiv).toBe('1601.06759'); // an id-shaped eprint without archivePrefix
  });

  it('writes short and full author lists', () => {
    expect(shortAuthors(goodfellow!)).toBe('Goodfellow et al.');
    expect(shortAuthors(oord!)).toBe('van den Oord and Kalchbrenner');
    expect(shortAuthors(odena!)).toBe('Odena');
    expect(allAuthors(goodfellow!)).toBe('Ian Goodfellow, Jean Pouget-Abadie and Mehdi Mirza');
  });

  it('fails on a syntax error, naming the file', () => {
    expect(() => parseBibliography('@article{x, title = {unterminated', 'content/bibliography/bad.bib')).toThrow(
      /content\/bibliography\/bad\.bib: BibTeX could not be parsed/,
    );
  });

  it('fails on an entry without a link or a title, naming the file and the key', () => {
    const noLink = '@article{nolink, author = {A, B}, title = {T}, year = {2020}, journal = {J}}';
    expect(() => parseBibliography(noLink, 'x.bib')).toThrow('x.bib: entry "nolink" has no doi, arXiv eprint or url');
    const noTitle = '@misc{notitle, author = {A, B}, year = {2020}, url = {https://example.org}}';
    expect(() => parseBibliography(noTitle, 'x.bib')).toThrow('x.bib: entry "notitle" has no title');
  });
});

describe('mergeBibliographies', () => {
  it('merges files and rejects a key defined in two files, naming both', () => {
    const a = parseBibliography(gan, 'content/bibliography/a.bib');
    const b = parseBibliography(gan.split('@article')[0] ?? '', 'content/bibliography/b.bib');
    expect(mergeBibliographies([a]).size).toBe(3);
    expect(() => mergeBibliographies([a, b])).toThrow(
      'bibliography key "goodfellow2014" is defined in both content/bibliography/a.bib and content/bibliography/b.bib',
    );
  });
});

describe('loadBibliography', () => {
  it('merges every .bib file of the folder and finds the folder from a post path', () => {
    const root = mkdtempSync(join(tmpdir(), 'bib-'));
    mkdirSync(join(root, 'content', 'bibliography'), { recursive: true });
    writeFileSync(join(root, 'content', 'bibliography', 'one.bib'), gan);
    writeFileSync(
      join(root, 'content', 'bibliography', 'two.bib'),
      '@misc{extra, author = {Doe, Jane}, title = {Extra}, year = {2024}, url = {https://example.org/extra}}',
    );
    writeFileSync(join(root, 'content', 'bibliography', 'notes.txt'), 'not BibTeX');
    const dir = bibliographyDirFor(join(root, 'content', 'posts', 'a-post.mdx'));
    expect(dir).toBe(join(root, 'content', 'bibliography'));
    expect([...loadBibliography(dir).keys()].sort()).toEqual(['extra', 'goodfellow2014', 'odena2019', 'oord2016']);
  });

  it('loads the site bibliography: every entry has a link, no key is duplicated', () => {
    const entries = loadBibliography(join(process.cwd(), 'content', 'bibliography'));
    expect(entries.size).toBeGreaterThanOrEqual(55);
    for (const entry of entries.values()) expect(entryHref(entry)).toMatch(/^https:\/\/(arxiv\.org\/abs|doi\.org)\//);
  });
});
