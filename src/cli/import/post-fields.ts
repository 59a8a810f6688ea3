/**
 * Maps another generator's front matter onto this site's post schema
 * (`postSchema` in src/lib/schemas.ts), recording where every field came from
 * and what was left behind.
 */
import GithubSlugger from 'github-slugger';
import type { Finding } from './clean-text.ts';
import { ImportError } from './header.ts';

export interface MappedPost {
  /** Front matter for the schema, in the order a writer reads it. */
  readonly frontmatter: Record<string, unknown>;
  /** "title ← title", "order ← weight (4)", … */
  readonly mapped: string[];
  /** Source fields with no place in the schema. */
  readonly dropped: string[];
}

export interface FieldContext {
  /** Title from the body's first H1, when the header has none. */
  readonly h1Title: string | undefined;
  /** Description from the body's first paragraph, when the header has none. */
  readonly firstParagraph: string | undefined;
  /** `--series`, which makes Hugo's `weight` the post's `order`. */
  readonly series: string | undefined;
  readonly defaultAuthor: string;
  readonly today: Date;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** Fields each source name may fill, first match wins. */
const SOURCES = {
  title: ['title'],
  description: ['description', 'summary', 'excerpt', 'subtitle'],
  date: ['date', 'publishdate', 'pubdate', 'published'],
  updated: ['lastmod', 'updated', 'modified'],
  tags: ['tags', 'keywords', 'categories'],
  author: ['author', 'authors'],
  draft: ['draft'],
  slug: ['slug'],
  series: ['series'],
  order: ['weight', 'order'],
} as const;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ') || undefined;
  return undefined;
}

function toDate(value: unknown, field: string): Date {
  const date = value instanceof Date ? value : new Date(String(value).trim());
  if (Number.isNaN(date.getTime())) throw new ImportError(`\`${field}\` is not a date: ${JSON.stringify(value)}`);
  return date;
}

/** YYYY-MM-DD, the form the other posts use (the schema coerces it to a date). */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function toTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map((v) => String(v)) : String(value).split(',');
  return [...new Set(list.map((t) => t.trim()).filter(Boolean))];
}

/** Descriptions are one or two sentences of at most 300 characters. */
function shorten(description: string): string {
  if (description.length <= 300) return description;
  const cut = description.slice(0, 297);
  const sentence = cut.lastIndexOf('. ');
  return sentence > 80 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

export function mapPostFields(fields: Readonly<Record<string, unknown>>, context: FieldContext, findings: Finding[]): MappedPost {
  const lower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), { key: k, value: v }]));
  const used = new Set<string>();
  const mapped: string[] = [];
  const pick = (target: keyof typeof SOURCES) => {
    for (const name of SOURCES[target]) {
      const entry = lower.get(name);
      if (entry && entry.value !== undefined && entry.value !== null && entry.value !== '') {
        used.add(name);
        return entry;
      }
    }
    return undefined;
  };
  const fm: Record<string, unknown> = {};

  const title = pick('title');
  fm['title'] = text(title?.value) ?? context.h1Title;
  if (!fm['title']) throw new ImportError('no title: the header has no `title` and the body has no H1 heading');
  mapped.push(title ? `title ← ${title.key}` : 'title ← the first H1 heading');

  const description = pick('description');
  const desc = text(description?.value) ?? context.firstParagraph;
  if (desc) {
    fm['description'] = shorten(desc);
    mapped.push(description ? `description ← ${description.key}` : 'description ← the first paragraph');
    if (fm['description'] !== desc) findings.push({ kind: 'review', message: 'the description was shortened to 300 characters' });
  } else {
    fm['description'] = String(fm['title']);
    findings.push({ kind: 'review', message: 'no description or first paragraph: the title is used as the description' });
  }

  const date = pick('date');
  if (date) {
    const parsed = toDate(date.value, date.key);
    fm['date'] = isoDay(parsed);
    const raw = date.value instanceof Date ? date.value.toISOString() : String(date.value);
    mapped.push(`date ← ${date.key}${raw.length > 10 ? ` (${raw} → ${fm['date']})` : ''}`);
  } else {
    fm['date'] = isoDay(context.today);
    findings.push({ kind: 'review', message: `no date in the header: today's date (${fm['date']}) is used` });
  }
  const updated = pick('updated');
  if (updated) {
    const day = isoDay(toDate(updated.value, updated.key));
    if (day >= String(fm['date'])) {
      fm['updated'] = day;
      mapped.push(`updated ← ${updated.key}`);
    }
  }

  const tags = pick('tags');
  const tagList = tags ? toTags(tags.value) : [];
  if (tagList.length > 0) {
    fm['tags'] = tagList;
    const form = Array.isArray(tags?.value) ? 'a list' : 'a comma-separated string';
    mapped.push(`tags ← ${tags?.key} (${form}, ${tagList.length})`);
  } else {
    fm['tags'] = ['imported'];
    findings.push({ kind: 'review', message: 'no tags in the header: tagged `imported`; choose real tags' });
  }

  const author = pick('author');
  fm['author'] = text(author?.value) ?? context.defaultAuthor;
  mapped.push(author ? `author ← ${author.key}` : `author ← the site default (${context.defaultAuthor})`);

  const draft = pick('draft');
  if (draft) {
    fm['draft'] = draft.value === true || String(draft.value).trim().toLowerCase() === 'true';
    mapped.push(`draft ← ${draft.key}`);
  }

  const slug = pick('slug');
  const slugText = text(slug?.value);
  if (slugText !== undefined) {
    const clean = SLUG.test(slugText) ? slugText : new GithubSlugger().slug(slugText);
    fm['slug'] = clean;
    mapped.push(clean === slugText ? `slug ← ${slug?.key}` : `slug ← ${slug?.key} ("${slugText}" → "${clean}")`);
  }

  const series = pick('series');
  const seriesName = context.series ?? text(Array.isArray(series?.value) ? series?.value[0] : series?.value);
  if (seriesName) {
    fm['series'] = seriesName;
    mapped.push(context.series ? 'series ← --series' : `series ← ${series?.key}`);
  }
  const order = pick('order');
  if (order) {
    const n = Number(String(order.value).trim());
    if (!seriesName) {
      findings.push({
        kind: 'review',
        message: `\`${order.key}\` (${String(order.value)}) dropped: an order needs a series (pass --series "Name")`,
      });
    } else if (!Number.isInteger(n) || n < 1) {
      findings.push({ kind: 'review', message: `\`${order.key}\` (${String(order.value)}) dropped: an order is a positive whole number` });
    } else {
      fm['order'] = n;
      mapped.push(`order ← ${order.key} (${n})`);
    }
  }

  const dropped = [...lower.entries()].filter(([name]) => !used.has(name)).map(([, { key }]) => key);
  return { frontmatter: fm, mapped, dropped };
}

/** The file name a post gets: its slug, else its title as a slug. */
export function postFileId(frontmatter: Readonly<Record<string, unknown>>): string {
  const slug = frontmatter['slug'];
  return typeof slug === 'string' ? slug : new GithubSlugger().slug(String(frontmatter['title']));
}
