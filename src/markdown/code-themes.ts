/**
 * Shiki themes for code blocks, shared by Markdown fences (astro.config.mjs) and
 * <SourceRegion>. Every token keeps >= 4.5:1 contrast on its background, also
 * on highlighted lines: github-light-default's comments (4.55:1 on white) would
 * not, so the light theme is GitHub's high-contrast variant. Checked by axe in
 * tests/e2e/site/a11y.spec.ts.
 */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-default' } as const;
