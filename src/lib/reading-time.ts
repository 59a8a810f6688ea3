/**
 * Reading time from the raw Markdown/MDX body. Code, display maths, MDX
 * import/export lines, tags and URLs are not prose, so they are removed first;
 * inline maths counts as one word.
 */

/** Words per minute for careful technical reading (slower than the usual 230-265). */
export const WORDS_PER_MINUTE = 200;

/** The prose words of a Markdown/MDX body. */
export function countWords(body: string): number {
  const prose = body
    .replace(/^---\n[\s\S]*?\n---\n/, '') // frontmatter, if passed the whole file
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ') // fenced code
    .replace(/\$\$[\s\S]*?\$\$/g, ' ') // display maths
    .replace(/\$[^$\n]+\$/g, ' x ') // inline maths: one word
    .replace(/^(?:import|export)\s.*$/gm, ' ') // MDX ESM
    .replace(/<[^>]+>/g, ' ') // JSX/HTML tags
    .replace(/\]\([^)]*\)/g, ']') // link targets
    .replace(/[#>*_`~[\]|-]+/g, ' ');
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Word counts by body: the home page and the tag pages list each post, so a 1,000-post build
 * would count every body three or more times (about 0.5 ms each) without it.
 */
const wordCounts = new Map<string, number>();

/** Minutes to read, rounded up, at least 1. */
export function readingMinutes(body: string, wordsPerMinute = WORDS_PER_MINUTE): number {
  let words = wordCounts.get(body);
  if (words === undefined) {
    words = countWords(body);
    wordCounts.set(body, words);
  }
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
