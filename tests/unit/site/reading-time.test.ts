import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes, WORDS_PER_MINUTE } from '../../../src/lib/reading-time.ts';

describe('reading time', () => {
  it('counts prose words', () => {
    expect(countWords('One two three.\n\nFour, five — six!')).toBe(6);
  });

  it('ignores code fences, display maths, MDX imports and tags, and counts inline maths as one word', () => {
    const body = [
      "import Grid from '../x.astro';",
      'The loss $-\\log D(G(z))$ is small.',
      '```ts',
      'const a = 1; const b = 2; const c = 3;',
      '```',
      '$$',
      'V(D, G) = \\mathbb{E}[\\log D(x)]',
      '$$',
      '<Grid seed={1} />',
      '[a link](https://example.com/many/words/here)',
    ].join('\n');
    // The, loss, <math>, is, small., a, link
    expect(countWords(body)).toBe(7);
  });

  it('rounds up and never reports zero minutes', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE))).toBe(1);
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE + 1))).toBe(2);
    expect(readingMinutes('word '.repeat(1000), 250)).toBe(4);
  });
});
