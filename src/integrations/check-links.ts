/**
 * Fails `astro build` on a broken internal link or fragment, naming the post (or page) that
 * has it and what it points to. It runs at `astro:build:done`, after the hooks that add files
 * to the output (published models, fallback images, the search index), over every built page:
 * the check is `src/lib/site-links.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listPostFiles } from '../lib/post-files.ts';
import { keptPageFacts } from '../lib/page-facts.ts';
import { checkSiteLinks, decodeScan, encodeScan, type LinkProblem } from '../lib/site-links.ts';

export class BrokenLinksError extends Error {
  override name = 'BrokenLinksError';
}

/** The file a writer edits to fix a page: the post behind `/posts/<id>/`, else the built page. */
function sourceOf(problem: LinkProblem, base: string, posts: Map<string, string>): string {
  const rel = problem.page.slice(base.length);
  const post = /^posts\/(.+)\/$/.exec(rel)?.[1];
  const file = post === undefined ? undefined : posts.get(post);
  return file ? `${file} (page ${problem.page})` : `page ${problem.page} (${problem.file})`;
}

export function formatProblems(problems: readonly LinkProblem[], base: string, root: string): string {
  const posts = new Map(listPostFiles(root).map((p) => [p.id, p.file]));
  const lines = problems.map((p) => `  ${sourceOf(p, base, posts)}: "${p.url}": ${p.reason}`);
  return `${problems.length} broken internal link${problems.length === 1 ? '' : 's'}; fix or remove them:\n${lines.join('\n')}`;
}

export default function checkLinks(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  let root = '';
  return {
    name: 'minimax:check-links',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        site = config.site;
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        // Unchanged pages (most of them after an edit) are not parsed again.
        // node_modules/.cache/minimax/link-scans.json: a few MB at 1,000 posts.
        const scans = keptPageFacts(root, 'link-scans', { encode: encodeScan, decode: decodeScan }, base);
        const problems = checkSiteLinks(fileURLToPath(dir), { base, site, scans });
        scans.save();
        if (problems.length > 0) throw new BrokenLinksError(formatProblems(problems, base, root));
        logger.info('every internal link and fragment resolves');
      },
    },
  };
}
