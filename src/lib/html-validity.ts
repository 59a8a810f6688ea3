/**
 * HTML validation of the built site with html-validate, configured to report what the W3C Nu
 * checker reports as errors: the `standard` and `document` presets (content models, required
 * and allowed attributes, ids, references, doctype; less two rules Nu does not enforce) plus one rule of ours, `minimax/valid-css`,
 * for what html-validate leaves to a CSS checker and Nu does not: every declaration in a
 * `style` attribute must be a known property with a value its grammar allows (css-tree's
 * lexer, the W3C grammars). Used by `npm run check` (src/cli/validate-html.ts) and the e2e test.
 */
import { relative } from 'node:path';
import * as csstree from 'css-tree';
import { builtPages } from './page-facts.ts';
import {
  HtmlValidate,
  Rule,
  StaticConfigLoader,
  type AttributeEvent,
  type ConfigData,
  type Plugin,
  type RuleDocumentation,
} from 'html-validate';

/** Problems in one `style` attribute's text; empty when every declaration is valid. */
export function inlineCssProblems(style: string): string[] {
  const problems: string[] = [];
  let list: csstree.CssNode;
  try {
    list = csstree.parse(style, { context: 'declarationList', onParseError: (error) => problems.push(error.message) });
  } catch (error) {
    return [String(error)];
  }
  csstree.walk(list, {
    visit: 'Declaration',
    enter(node) {
      // Custom properties and var() have no grammar to check against (Shiki's --shiki-* colours).
      if (node.property.startsWith('--')) return;
      const value = csstree.generate(node.value);
      if (/\bvar\(/i.test(value)) return;
      const match = csstree.lexer.matchProperty(node.property, node.value);
      if (match.error) problems.push(`${node.property}: ${value} (${match.error.message.split('\n')[0]})`);
    },
  });
  return problems;
}

class ValidCss extends Rule {
  override documentation(): RuleDocumentation {
    return { description: 'Every declaration in a style attribute must be valid CSS (as the W3C Nu checker requires).' };
  }

  override setup() {
    this.on('attr', (event: AttributeEvent) => {
      if (event.key.toLowerCase() !== 'style' || typeof event.value !== 'string') return;
      for (const problem of inlineCssProblems(event.value)) {
        this.report(event.target, `invalid CSS in style attribute: ${problem}`, event.valueLocation ?? event.location);
      }
    });
  }
}

const plugin: Plugin = { name: 'minimax', rules: { 'minimax/valid-css': ValidCss } };

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ['html-validate:standard', 'html-validate:document'],
  plugins: [plugin],
  rules: {
    'minimax/valid-css': 'error',
    // An <img> needs an alt attribute (an error to Nu; html-validate files it under a11y).
    'wcag/h37': 'error',
    // Not errors to the Nu checker: SRI is for third-party files (every file here is our own,
    // under a CSP), and skipped heading levels are left to the a11y tests (axe).
    'require-sri': 'off',
    'heading-level': 'off',
  },
};

export interface PageReport {
  /** Path relative to the output folder. */
  file: string;
  messages: { line: number; column: number; rule: string; message: string }[];
}

/** Validates every `.html` file under `dir`; @returns the pages with problems */
export async function validateSite(dir: string): Promise<{ pages: number; invalid: PageReport[] }> {
  const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));
  const files = builtPages(dir);
  const invalid: PageReport[] = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    const messages = report.results.flatMap((result) =>
      result.messages.map((m) => ({ line: m.line, column: m.column, rule: m.ruleId, message: m.message })),
    );
    if (messages.length > 0) invalid.push({ file: relative(dir, file), messages });
  }
  return { pages: files.length, invalid };
}

export function formatReport(invalid: readonly PageReport[]): string {
  return invalid
    .map((page) => [page.file, ...page.messages.map((m) => `  ${m.line}:${m.column} ${m.rule}: ${m.message}`)].join('\n'))
    .join('\n');
}
