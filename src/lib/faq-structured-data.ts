/**
 * schema.org FAQPage data for a Q&A page, from its review pairs, as the JSON text of a
 * `<script type="application/ld+json">` block. A JSON-LD block is data, not a script:
 * browsers never execute it, so the site's CSP (script-src 'self' + hashes) does not
 * apply to it and it needs no hash.
 */

/** A question and its answer, as written in content/qa/<post>/review.md. */
export interface QaPair {
  question: string;
  answer: string;
}

/** TeX commands common in the Q&A, as the characters a reader expects in plain text. */
const TEX_SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  approx: '≈',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  neq: '≠',
  to: '→',
  infty: '∞',
  alpha: 'α',
  beta: 'β',
  eta: 'η',
  lambda: 'λ',
  mu: 'μ',
  sigma: 'σ',
  theta: 'θ',
  phi: 'φ',
  psi: 'ψ',
  nabla: '∇',
  sum: 'Σ',
  in: '∈',
  mid: '|',
  '|': '‖',
  log: 'log',
  exp: 'exp',
  min: 'min',
  max: 'max',
};

/** Inline TeX as readable text: \text{data} → data, \times → ×, \mathbb{E} → E, braces dropped. */
export function texToText(tex: string): string {
  return tex
    .replace(/\\(?:text|mathrm|mathbb|mathcal|operatorname|mathbf)\{([^{}]*)\}/g, '$1')
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\\([a-zA-Z]+|\|)/g, (whole, name: string) => TEX_SYMBOLS[name] ?? whole)
    .replace(/\\[,;! ]/g, ' ')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text for structured data: inline TeX made readable, code without its backticks. */
export function plainText(text: string): string {
  return text.replace(/\$([^$\n]+)\$/g, (_, tex: string) => texToText(tex)).replace(/`([^`\n]+)`/g, '$1');
}

/** The FAQPage object for `pairs`, or null when there are none. */
export function faqPage(pairs: readonly QaPair[], pageUrl: string): Record<string, unknown> | null {
  if (pairs.length === 0) return null;
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    url: pageUrl,
    mainEntity: pairs.map(({ question, answer }) => ({
      '@type': 'Question',
      name: plainText(question),
      acceptedAnswer: { '@type': 'Answer', text: plainText(answer) },
    })),
  };
}

/**
 * JSON for inside <script>: `<` is escaped so no string can close the element
 * (`</script>`) or open a comment; the JSON value is unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
