/**
 * The `_headers` file convention of Netlify and Cloudflare Pages: a URL pattern on its own line,
 * then indented `Name: value` lines. Both hosts apply EVERY rule whose pattern matches and join
 * repeated header names, so the rules we write never set one header name from two patterns that
 * can match the same URL (e.g. Cache-Control is set per file kind, never under `/*`).
 *
 * Used at build (src/integrations/static-hosting.ts writes the file) and by the test server
 * (tests/bench/static-server.ts applies it), so both read the same syntax.
 */

export interface HeaderRule {
  /** URL path pattern: `*` matches any characters (slashes too), `:name` one path segment */
  pattern: string;
  /** header name and value, in file order */
  headers: [string, string][];
}

/**
 * Parses a `_headers` file. Comments (`#`) and blank lines are ignored.
 * @throws Error naming the line when a header line comes before any pattern or has no colon
 */
export function parseHeadersFile(text: string, fileName = '_headers'): HeaderRule[] {
  const rules: HeaderRule[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      return;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(':');
    if (!rule) throw new Error(`${fileName}:${index + 1}: a header line needs a URL pattern above it (a line that starts without spaces).`);
    if (colon < 0) throw new Error(`${fileName}:${index + 1}: expected "Name: value", found "${line.trim()}".`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return rules;
}

/** Writes rules in the `_headers` syntax, two-space indented, a blank line between rules. */
export function formatHeadersFile(rules: readonly HeaderRule[], comment?: string): string {
  const head = comment
    ? `${comment
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n')}\n\n`
    : '';
  return head + rules.map((r) => [r.pattern, ...r.headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n\n') + '\n';
}

function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') && part.length > 1 ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** Whether a rule's pattern matches a URL path (no query string). */
export function patternMatches(pattern: string, urlPath: string): boolean {
  return patternRegExp(pattern).test(urlPath);
}

/**
 * The headers every matching rule gives `urlPath`, names lower-cased; a name set by two
 * matching rules gets both values joined with ", ", as the hosts do.
 */
export function headersFor(rules: readonly HeaderRule[], urlPath: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, urlPath)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const previous = result.get(key);
      result.set(key, previous === undefined ? value : `${previous}, ${value}`);
    }
  }
  return result;
}

/** A CSP as directive name -> source list, in the order first seen. */
export type ParsedCsp = Map<string, string[]>;

export function parseCsp(policy: string): ParsedCsp {
  const parsed: ParsedCsp = new Map();
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    // As browsers do, a repeated directive is ignored after its first occurrence.
    if (!parsed.has(key)) parsed.set(key, sources);
  }
  return parsed;
}

export function formatCsp(csp: ParsedCsp): string {
  return [...csp].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/**
 * One policy allowing what each page's policy allows: the union of the sources of every
 * directive. The pages' policies come from Astro (one per page, with that page's script and
 * style hashes), so the union is still hash-based and never gains 'unsafe-inline' for scripts
 * unless a page had it.
 * @throws Error when the pages disagree on which directives exist (a directive missing from one
 *   page means "fall back to default-src" there, which a union cannot express)
 */
export function unionCsp(policies: readonly string[]): ParsedCsp {
  const parsed = policies.map(parseCsp);
  const union: ParsedCsp = new Map();
  const names = new Set(parsed.flatMap((p) => [...p.keys()]));
  for (const name of names) {
    const sources: string[] = [];
    for (const policy of parsed) {
      const own = policy.get(name);
      if (own === undefined)
        throw new Error(
          `The pages' Content-Security-Policies differ: one has no ${name} directive. Give every page the same directives (src/lib/csp.ts).`,
        );
      for (const source of own) if (!sources.includes(source)) sources.push(source);
    }
    union.set(name, sources);
  }
  return union;
}

/** The value of the first `<meta http-equiv="content-security-policy">` in an HTML page. */
export function metaCsp(html: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy/i.test(tag)) continue;
    const content = /content\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? /content\s*=\s*'([^']*)'/i.exec(tag)?.[1];
    if (content === undefined) continue;
    return content
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return undefined;
}
