/** FAQPage structured data for the Q&A pages: readable text and JSON that cannot end its script. */
import { describe, expect, it } from 'vitest';
import { faqPage, jsonForScript, plainText } from '../../../src/lib/faq-structured-data.ts';

describe('FAQPage data', () => {
  it('turns inline TeX into readable text', () => {
    expect(plainText('What is $D^*(x)$ at $p_{\\text{data}}(x) = 0.3$?')).toBe('What is D^*(x) at p_data(x) = 0.3?');
    expect(plainText('$0.9 \\times 0.75 = 0.675$, $-\\log 4 \\approx -1.386$')).toBe('0.9 × 0.75 = 0.675, -log 4 ≈ -1.386');
    expect(plainText('$\\mathbb{E}_z[\\log D(G(z))]$ and `code`')).toBe('E_z[log D(G(z))] and code');
  });

  it('lists each review pair as a Question with its accepted Answer', () => {
    const data = faqPage([{ question: 'Q one?', answer: 'A one.' }], 'https://example.org/qa/x/');
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      url: 'https://example.org/qa/x/',
      mainEntity: [{ '@type': 'Question', name: 'Q one?', acceptedAnswer: { '@type': 'Answer', text: 'A one.' } }],
    });
    expect(faqPage([], 'https://example.org/')).toBeNull();
  });

  it('escapes < so no answer can close the script element', () => {
    const json = jsonForScript({ text: 'a </script><script>alert(1)</script> b' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ text: 'a </script><script>alert(1)</script> b' });
  });
});
