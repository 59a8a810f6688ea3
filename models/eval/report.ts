/** How an evaluation is shown: a padded table for the terminal and a Markdown one for card.md. */

/** A table as rows of cells; the first row is the header. */
export type Rows = string[][];

/** Column-aligned plain text. */
export function textTable(rows: Rows): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(rows: Rows): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A share as a percentage, e.g. "98.5 %". */
export const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)} %`;

/** Seconds since `t0` (a `performance.now()`), to 0.1 s. */
export const secondsSince = (t0: number): number => Math.round((performance.now() - t0) / 100) / 10;
