// @ts-check
/**
 * ESLint flat config: JavaScript's and typescript-eslint's recommended rules for .ts/.mjs/.js,
 * eslint-plugin-astro's for .astro (frontmatter and <script> tags). Run with
 * `npx eslint --max-warnings 0 .` (part of `npm run check`). Formatting is Prettier's job
 * (.prettierrc), so no stylistic rules here.
 */
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, caches, model artifacts and other generated files.
    ignores: [
      '**/dist/',
      '**/.astro/',
      '**/node_modules/',
      'tests/.output/',
      'test-results/',
      'playwright-report/',
      'bench/.work/',
      'tests/bench/.work/',
      'models/*/artifact/',
      'models/**/timeline/',
      'models/**/runs/',
      'tests/fixtures/models/**/artifact/',
      'tests/fixtures/models/**/timeline/',
      'public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      // The same modules run in Node (build, tests, training) and in the page or its worker.
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (e.g. a fixed callback signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Types-only imports stay visible as such (Astro and esbuild drop them without a trace).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // One import style: local modules with their file extension (`./urls.ts`), as Node, tsx and
      // Vite all resolve them, and as a reader can grep for them.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.{1,2}/(?!.*\.(ts|mts|js|mjs|astro|css|json|svg|png|wasm)(\?[a-z&=]+)?$)`,
              message: 'Import local modules with their file extension, e.g. "./errors.ts".',
            },
          ],
        },
      ],
    },
  },
);
