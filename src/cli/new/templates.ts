/**
 * What `npm run new` writes: a post that shows each main component once (so a writer can copy
 * from a working example and delete the rest), and a Q&A file per kind. Every template must
 * pass the content schemas and build: tests/unit/site/new-command.test.ts builds a new post.
 */
import type { QaKind } from '../../lib/schemas.ts';

/** A YAML double-quoted scalar (titles may contain `:` or `#`). */
export const yamlString = (text: string): string => JSON.stringify(text);

export interface PostTemplate {
  title: string;
  slug: string;
  /** YYYY-MM-DD */
  date: string;
  author: string;
  tags: readonly string[];
  description: string;
}

export function postTemplate(p: PostTemplate): string {
  return `---
title: ${yamlString(p.title)}
description: ${yamlString(p.description)}
date: ${p.date}
tags: [${p.tags.map(yamlString).join(', ')}]
author: ${yamlString(p.author)}
# Drafts show in \`npm run dev\` only. Set to false (or delete the line) to publish.
draft: true
---

import Callout from '../../src/components/Callout.astro';
import CardValue from '../../src/components/CardValue.astro';
import Cite from '../../src/components/Cite.astro';
import FigRef from '../../src/components/FigRef.astro';
import Figure from '../../src/components/Figure.astro';
import SourceRegion from '../../src/components/SourceRegion.astro';
import SampleGrid from '../../src/islands/SampleGrid.astro';

{/* The writer's guide (/guide/ on the site) lists every component and its props. */}

Write the introduction here. Cite a paper by its key in \`content/bibliography/*.bib\`: GANs were
introduced by Goodfellow et al. <Cite id="goodfellow2014" />; the references list is added at the end.

## Maths

Inline maths goes between single dollars, $D(x) \\in (0, 1)$; display maths between double dollars:

$$
\\min_G \\max_D \\; \\mathbb{E}_{x \\sim p_\\text{data}}[\\log D(x)] + \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))]
$$

<Callout kind="note" title="A callout">
Use a callout for a definition, a warning or an aside.
</Callout>

## Code from the project

Code shown in a post comes from a real file, between \`// #region name\` and \`// #endregion\`:

<SourceRegion file="models/gan/losses.ts" region="minimax-losses" />

## Numbers and figures

Numbers about this project's models come from their model cards, never typed by hand: the
shipped generator has <CardValue model="dcgan" path="params" format="int" /> parameters.

<Figure id="samples" caption="Samples from the shipped generator, drawn in your browser.">
  <SampleGrid model="dcgan" seed={1} count={16} />
</Figure>

<FigRef id="samples" /> shows what the generator draws.
`;
}

/** One file per kind, shaped as its schema (src/lib/schemas.ts `makeQaSchema`) requires. */
export function qaTemplate(postId: string, kind: QaKind): string {
  const head = `---\npost: ${yamlString(postId)}\nkind: ${kind}\n`;
  switch (kind) {
    case 'preview':
      return `${head}questions:\n  - "A question to keep in mind while reading (inline maths like $p_g$ is fine)."\n  - "Another question."\n---\n`;
    case 'explanation':
      return `${head}---\n\nExplain the article's main idea in prose, with a worked example. Maths and code work here as in a post:\n\n$$\nD^*(x) = \\frac{p_\\text{data}(x)}{p_\\text{data}(x) + p_g(x)}\n$$\n`;
    case 'keypoints':
      return `${head}points:\n  - "The first thing to remember."\n  - "The second."\n---\n`;
    case 'review':
      return `${head}pairs:\n  - question: "A question that checks understanding?"\n    answer: "Its answer, revealed on demand."\n---\n`;
  }
}
