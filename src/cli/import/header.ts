/**
 * Front matter of a post written for another generator: Hugo's TOML between `+++`
 * lines, YAML between `---` lines, a loose header of `key: value` lines with no
 * fences (blank lines allowed between them), or none at all.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLParseError } from 'yaml';

export type HeaderFormat = 'toml' | 'yaml' | 'loose' | 'none';

export interface ParsedHeader {
  readonly format: HeaderFormat;
  /** The header's fields as parsed (strings, numbers, dates, lists). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The text after the header. */
  readonly body: string;
  /** 1-based line of the source on which `body` starts (for error messages). */
  readonly bodyLine: number;
}

/** A file that cannot be read as a post: `line` is 1-based in the source file. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A loose header line: a lower-case key, a colon, a value. */
const LOOSE_LINE = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;
/** Keys that make a run of `key: value` lines a header rather than prose. */
const HEADER_KEYS = new Set(['title', 'date', 'tags', 'slug', 'description', 'author', 'categories', 'summary', 'draft']);

function fenced(lines: readonly string[], fence: string): number {
  if (lines[0]?.trim() !== fence) return -1;
  for (let i = 1; i < lines.length; i++) if (lines[i]?.trim() === fence) return i;
  throw new ImportError(`the front matter opened with \`${fence}\` on line 1 is never closed`, 1);
}

function parseFenced(text: string, format: 'toml' | 'yaml'): Record<string, unknown> {
  try {
    const value: unknown = format === 'toml' ? parseToml(text) : parseYaml(text);
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new ImportError(`the ${format.toUpperCase()} front matter is not a table of fields`, 2);
    return value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // Both parsers report 1-based lines inside the header; the header starts on line 2.
    if (error instanceof TomlError) throw new ImportError(`invalid TOML front matter: ${error.message.split('\n')[0]}`, error.line + 1);
    if (error instanceof YAMLParseError)
      throw new ImportError(`invalid YAML front matter: ${error.message.split('\n')[0]}`, (error.linePos?.[0].line ?? 1) + 1);
    throw error;
  }
}

/** A loose `key: value` header: the leading run of such lines and blank lines. */
function parseLoose(lines: readonly string[]): { fields: Record<string, unknown>; end: number } | undefined {
  const fields: Record<string, unknown> = {};
  let end = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const match = LOOSE_LINE.exec(line);
    if (!match) break;
    const [, key = '', raw = ''] = match;
    fields[key.toLowerCase()] = unquote(raw.trim());
    end = i + 1;
  }
  return Object.keys(fields).some((key) => HEADER_KEYS.has(key)) ? { fields, end } : undefined;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

/** Splits a source file into its header fields and its Markdown body. */
export function parseHeader(source: string): ParsedHeader {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  for (const [fence, format] of [
    ['+++', 'toml'],
    ['---', 'yaml'],
  ] as const) {
    const close = fenced(lines, fence);
    if (close < 0) continue;
    const fields = parseFenced(lines.slice(1, close).join('\n'), format);
    return { format, fields, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
  }
  const loose = parseLoose(lines);
  if (loose) return { format: 'loose', fields: loose.fields, body: lines.slice(loose.end).join('\n'), bodyLine: loose.end + 1 };
  return { format: 'none', fields: {}, body: text, bodyLine: 1 };
}
