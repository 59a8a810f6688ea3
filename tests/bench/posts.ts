/**
 * Generated MDX posts for the build benchmark: the same files go into our site and into the
 * bare Astro blog, so the ratio of their build times is the cost of our pipeline (unified
 * processor + KaTeX + Shiki dual themes + layouts + islands integration), not of the content.
 *
 * Each post is about as long as a real article here (~900 words) and has inline and display
 * math, two highlighted code blocks, a list, a table and a footnote. Pure and deterministic.
 */

/** Frontmatter valid for both our strict post schema and the bare blog's schema. */
function frontmatter(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return [
    '---',
    `title: Generated benchmark post ${i}`,
    `description: Post ${i} of a generated corpus used to time the site build with math and code.`,
    `date: 2026-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
    `tags: [benchmark, topic-${i % 7}]`,
    'author: Bench generator',
    '---',
  ].join('\n');
}

/** A paragraph with eight inline formulas: the density of the real theory post (~140 `$`). */
function paragraph(i: number, k: number): string {
  const batch = 32 + (k % 4) * 32;
  return (
    `Paragraph ${k} of post ${i}. A generator $G$ maps a latent vector $z \\sim \\mathcal{N}(0, I)$ ` +
    `to a sample, and a discriminator $D$ scores a sample $x$ with a number in $(0, 1)$. ` +
    `Training alternates a step on $\\theta_D$ that raises $\\log D(x) + \\log(1 - D(G(z)))$ ` +
    `with a step on the generator's weights, each with Adam at learning rate two in ten thousand ` +
    `and $\\beta_1 = 0.5$. With batch size ${batch} the estimate of the gradient has variance of ` +
    `order $1/${batch}$, which is why the curves are noisy and why the post shows their running ` +
    `mean over ${10 + k} steps.`
  );
}

function displayMath(k: number): string {
  return [
    '$$',
    `\\min_G \\max_D V(D, G) = \\mathbb{E}_{x \\sim p_{\\text{data}}}\\big[\\log D(x)\\big] + \\mathbb{E}_{z \\sim p_z}\\big[\\log\\big(1 - D(G(z))\\big)\\big] + ${k}`,
    '$$',
  ].join('\n');
}

function tsBlock(i: number): string {
  return [
    '```ts title="train-step.ts" {2-3}',
    `export function step${i}(real: Float32Array, fake: Float32Array): number {`,
    '  const dReal = real.reduce((a, x) => a + Math.log(x), 0) / real.length;',
    '  const dFake = fake.reduce((a, x) => a + Math.log(1 - x), 0) / fake.length;',
    `  return -(dReal + dFake) * ${1 + (i % 5)};`,
    '}',
    '```',
  ].join('\n');
}

function pyBlock(i: number): string {
  return [
    '```python',
    'import numpy as np',
    '',
    `def jsd(p, q, eps=1e-${6 + (i % 3)}):`,
    '    m = 0.5 * (p + q)',
    '    kl = lambda a, b: np.sum(a * np.log((a + eps) / (b + eps)))',
    '    return 0.5 * kl(p, m) + 0.5 * kl(q, m)',
    '```',
  ].join('\n');
}

/** The MDX source of generated post `i` (0-based). */
export function generatedPost(i: number): string {
  const parts = [frontmatter(i), '', `Post ${i} opens with the value function of a GAN [^gan].`, ''];
  for (let section = 0; section < 4; section++) {
    parts.push(`## Section ${section + 1}`, '');
    parts.push(paragraph(i, section * 2), '');
    parts.push(displayMath(section), '');
    parts.push(paragraph(i, section * 2 + 1), '');
    if (section === 1) parts.push(tsBlock(i), '');
    if (section === 2) parts.push(pyBlock(i), '');
    if (section === 3) {
      parts.push('- the optimal discriminator is $D^*(x) = p_{\\text{data}}(x) / (p_{\\text{data}}(x) + p_g(x))$');
      parts.push('- at the optimum $C(G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}} \\| p_g)$');
      parts.push('- the non-saturating loss keeps gradients alive early in training', '');
      parts.push('| loss | generator objective |', '| --- | --- |');
      parts.push('| minimax | $\\log(1 - D(G(z)))$ |', '| non-saturating | $-\\log D(G(z))$ |', '');
    }
  }
  parts.push('[^gan]: Goodfellow et al., *Generative Adversarial Nets*, NeurIPS 2014.', '');
  return parts.join('\n');
}

/** File name of generated post `i`: zero-padded so a directory listing is in order. */
export function generatedPostName(i: number): string {
  return `bench-${String(i).padStart(4, '0')}.mdx`;
}
