/** src/markdown/smartypants.ts writes what remark-smartypants (Astro's SmartyPants) writes. */
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkSmartypantsFast } from '../../../src/markdown/smartypants.ts';

const SAMPLES = [
  'No quotes, dashes or dots to change here, only a full stop.',
  "A \"quoted\" word, the generator's loss and 'single' quotes.",
  "Dashes -- and --- and a range 1-2; dots... and . . . spaced; ``backticks'' too.",
  '*"Emphasis"* around quotes, "a [link](/x/)" and `code with "quotes"` $x\'$.',
  '# A "heading"\n\n| a "cell" | it\'s -- here |\n| --- | --- |\n| x... | y |',
  '<Callout>A component\'s "text" -- inside</Callout>\n\n<span>"inline" html</span>',
  'Two paragraphs.\n\n"Opening quote at the start" and \'single\'',
];

const tree = (plugin: typeof remarkSmartypantsFast, markdown: string) => {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);
  const root = processor.parse(markdown);
  (plugin({}) as (t: unknown) => void)(root);
  return root;
};

describe('remarkSmartypantsFast', () => {
  it.each(SAMPLES)('gives the tree remark-smartypants gives: %s', (markdown) => {
    expect(tree(remarkSmartypantsFast, markdown)).toEqual(tree(remarkSmartypants as unknown as typeof remarkSmartypantsFast, markdown));
  });
});
