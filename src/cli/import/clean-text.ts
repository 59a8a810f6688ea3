/**
 * Line-level clean-up of an imported body, before it is parsed as Markdown:
 * generator artefacts, empty and unbalanced code fences, and Hugo shortcodes.
 * Each change is recorded with its line in the source file.
 */

/** One thing the importer changed or wants a writer to look at. */
export interface Finding {
  readonly kind: 'changed' | 'review';
  readonly message: string;
  /** 1-based line in the source file, when known. */
  readonly line?: number;
}

/** Text generators leave at the end of an answer ("[end of text]", "<|endoftext|>", "</s>"). */
const ARTEFACT = /^\s*(?:\[end of text\]|<\|endoftext\|>|<\/s>|\[end\])\s*$/i;
const FENCE = /^\s{0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s/;

interface Line {
  text: string;
  /** 1-based source line, or undefined for lines the importer added. */
  line: number | undefined;
}

function dropArtefacts(lines: Line[], findings: Finding[]): Line[] {
  return lines.filter(({ text, line }) => {
    if (!ARTEFACT.test(text)) return true;
    findings.push({ kind: 'changed', message: `dropped the generator artefact \`${text.trim()}\``, ...(line ? { line } : {}) });
    return false;
  });
}

/**
 * Removes code blocks with nothing in them and closes unclosed ones. An unclosed
 * fence is closed before the next heading (a heading is almost never meant to be
 * code), else at the end of the file.
 */
function repairFences(lines: Line[], findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i] as Line;
    const open = FENCE.exec(current.text);
    if (!open) {
      out.push(current);
      continue;
    }
    const marker = open[1] as string;
    const closes = (text: string) => {
      const m = FENCE.exec(text);
      return !!m && (m[1] as string)[0] === marker[0] && (m[1] as string).length >= marker.length && (m[2] ?? '').trim() === '';
    };
    let close = -1;
    let nextHeading = -1;
    for (let j = i + 1; j < lines.length; j++) {
      if (closes((lines[j] as Line).text)) {
        close = j;
        break;
      }
      if (nextHeading < 0 && HEADING.test((lines[j] as Line).text)) nextHeading = j;
    }
    const at = current.line ? { line: current.line } : {};
    if (close < 0) {
      const end = nextHeading >= 0 ? nextHeading : lines.length;
      const inner = lines.slice(i + 1, end);
      while (inner.length > 0 && (inner.at(-1) as Line).text.trim() === '') inner.pop();
      if (inner.every((l) => l.text.trim() === '')) {
        findings.push({ kind: 'changed', message: 'removed an empty, unclosed code fence', ...at });
      } else {
        findings.push({
          kind: 'changed',
          message: `closed an unclosed code fence ${nextHeading >= 0 ? 'before the next heading' : 'at the end of the file'}`,
          ...at,
        });
        findings.push({ kind: 'review', message: 'check where the code block that was never closed should end', ...at });
        out.push(current, ...inner, { text: marker, line: undefined });
      }
      i = end - 1;
      continue;
    }
    const inner = lines.slice(i + 1, close);
    if (inner.every((l) => l.text.trim() === '')) {
      findings.push({ kind: 'changed', message: 'removed an empty code block', ...at });
    } else {
      out.push(current, ...inner, lines[close] as Line);
    }
    i = close;
  }
  return out;
}

/** What a known shortcode becomes in Markdown. */
type Converter = (params: Readonly<Record<string, string>>, positional: readonly string[], inner: string) => string;

const quoteBlock = (label: string, inner: string) => `\n> **${label}.** ${inner.trim().split('\n').join('\n> ')}\n`;

const admonition =
  (label: string): Converter =>
  (_params, _positional, inner) =>
    quoteBlock(label, inner);

/** Hugo's built-in shortcodes and the common theme admonitions. */
const KNOWN: Readonly<Record<string, Converter>> = {
  note: admonition('Note'),
  info: admonition('Note'),
  callout: admonition('Note'),
  hint: admonition('Hint'),
  tip: admonition('Tip'),
  warning: admonition('Warning'),
  alert: admonition('Warning'),
  highlight: (_p, positional, inner) => `\n\`\`\`${positional[0] ?? ''}\n${inner.replace(/^\n+|\n+$/g, '')}\n\`\`\`\n`,
  katex: (_p, _positional, inner) => `\n$$\n${inner.trim()}\n$$\n`,
  math: (_p, _positional, inner) => `\n$$\n${inner.trim()}\n$$\n`,
  details: (params, positional, inner) => `\n**${params['summary'] ?? positional[0] ?? 'Details'}**\n\n${inner.trim()}\n`,
  figure: (params) => {
    const image = `![${params['alt'] ?? params['caption'] ?? ''}](${params['src'] ?? ''})`;
    return params['caption'] ? `\n${image}\n\n*${params['caption']}*\n` : `\n${image}\n`;
  },
  youtube: (params, positional) => {
    const id = params['id'] ?? positional[0] ?? '';
    return `[Video on YouTube](https://www.youtube.com/watch?v=${id})`;
  },
};

function parseParams(args: string): { params: Record<string, string>; positional: string[] } {
  const params: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of args.matchAll(/(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (m[1]) params[m[1]] = value;
    else positional.push(value);
  }
  return { params, positional };
}

const PAIRED = /\{\{([<%])\s*([\w-]+)([^}]*?)\s*[>%]\}\}([\s\S]*?)\{\{[<%]\s*\/\s*\2\s*[>%]\}\}/g;
const SINGLE = /\{\{([<%])\s*(\/?)([\w-]+)([^}]*?)\s*[>%]\}\}/g;

function lineAt(text: string, index: number, lineOf: (offset: number) => number | undefined): { line?: number } {
  const line = lineOf(text.slice(0, index).split('\n').length - 1);
  return line ? { line } : {};
}

/**
 * Converts Hugo shortcodes outside code blocks. Known ones become Markdown;
 * unknown ones keep their content, and their tags are kept as text in a post
 * (`keepUnknown`) or dropped in a Q&A set, where they wrap prompts; either way
 * they are listed for review.
 */
function convertShortcodes(lines: Line[], keepUnknown: boolean, findings: Finding[]): Line[] {
  // Work on the text between code fences only.
  const out: Line[] = [];
  let chunk: Line[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (chunk.length === 0) return;
    const sourceLines = chunk.map((l) => l.line);
    const lineOf = (i: number) => sourceLines[Math.min(i, sourceLines.length - 1)];
    let text = chunk.map((l) => l.text).join('\n');
    const original = text;
    const seen = new Map<string, { count: number; line?: number }>();
    const note = (name: string, index: number) => {
      const entry = seen.get(name) ?? { count: 0, ...lineAt(original, index, lineOf) };
      entry.count += 1;
      seen.set(name, entry);
    };
    text = text.replace(PAIRED, (match, _delim: string, name: string, args: string, inner: string, offset: number) => {
      const convert = KNOWN[name.toLowerCase()];
      note(name, offset);
      if (convert) {
        const { params, positional } = parseParams(args);
        return convert(params, positional, inner);
      }
      if (keepUnknown) return match;
      return inner.trim();
    });
    text = text.replace(SINGLE, (match, _delim: string, _close: string, name: string, args: string, offset: number) => {
      const convert = KNOWN[name.toLowerCase()];
      note(name, offset);
      if (convert) {
        const { params, positional } = parseParams(args);
        return convert(params, positional, '');
      }
      return keepUnknown ? match : '';
    });
    for (const [name, { count, line }] of seen) {
      const times = count > 1 ? ` (${count} times)` : '';
      const at = line ? { line } : {};
      if (KNOWN[name.toLowerCase()])
        findings.push({ kind: 'changed', message: `converted the shortcode \`${name}\` to Markdown${times}`, ...at });
      else if (keepUnknown) findings.push({ kind: 'review', message: `unknown shortcode \`${name}\` kept as text${times}`, ...at });
      else
        findings.push({
          kind: 'changed',
          message: `removed the tags of the unknown shortcode \`${name}\`, kept its content${times}`,
          ...at,
        });
    }
    const converted = text.split('\n');
    // Converted text no longer maps line for line; keep the first line's number for each.
    out.push(...converted.map((t, i) => ({ text: t, line: converted.length === chunk.length ? chunk[i]?.line : undefined })));
    chunk = [];
  };
  for (const l of lines) {
    const m = FENCE.exec(l.text);
    if (fence === undefined && m) {
      flush();
      fence = (m[1] as string)[0];
      out.push(l);
    } else if (fence !== undefined) {
      out.push(l);
      if (m && (m[1] as string)[0] === fence && (m[2] ?? '').trim() === '') fence = undefined;
    } else {
      chunk.push(l);
    }
  }
  flush();
  return out;
}

/**
 * Cleans an imported body. `firstLine` is the source line the body starts on.
 * @returns the cleaned Markdown and what was changed, with source lines
 */
export function cleanText(body: string, firstLine: number, keepUnknownShortcodes: boolean): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let lines: Line[] = body.split('\n').map((text, i) => ({ text, line: firstLine + i }));
  lines = dropArtefacts(lines, findings);
  lines = repairFences(lines, findings);
  lines = convertShortcodes(lines, keepUnknownShortcodes, findings);
  return { text: lines.map((l) => l.text).join('\n'), findings };
}
