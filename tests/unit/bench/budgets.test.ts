/**
 * Byte budgets of tests/bench/budgets.json that need no build: the committed model artifacts.
 * The page-weight budgets need a built site and a browser; `npm run bench -- --check` covers them.
 * Also the benchmark's pure helpers (budget check, summaries, generated posts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkBudgets, loadBudgets, modelFigures, parseBudgets } from '../../bench/budgets.ts';
import { modelSizes } from '../../bench/model-sizes.ts';
import { generatedPost } from '../../bench/posts.ts';
import { summarise } from '../../bench/stats.ts';
import { postSchema } from '../../../src/lib/schemas.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const budgets = loadBudgets();
const models = modelSizes(path.join(root, 'models'));
const figures = modelFigures(models);

describe('model byte budgets (committed artifacts)', () => {
  const modelBudgets = budgets.filter((b) => b.figure.startsWith('model.'));

  test('budgets.json is well formed and names only figures the benchmark produces', () => {
    expect(modelBudgets.length).toBeGreaterThan(0);
    for (const b of budgets)
      expect(b.figure).toMatch(
        /^(model\.[a-z0-9-]+\.(bytes|gzip)|page\.(home|post|qa|island|playground)\.(js\.before|js\.after|wasm\.after|css)\.(raw|gzip))$/,
      );
  });

  test.each(modelBudgets.map((b) => [b.figure, b] as const))('%s is within budget', (_name, budget) => {
    const [outcome] = checkBudgets(figures, [budget]);
    // A budget for a model whose artifact is not committed is a failure, not a pass.
    expect(outcome?.status, `${budget.figure}: no committed artifact under models/ to measure`).not.toBe('not measured');
    expect(outcome?.value, budget.why).toBeLessThanOrEqual(budget.max);
  });

  test('every shipped weight file is smaller than its float32 equivalent would be, or equal', () => {
    for (const m of models) expect(m.bytes, m.name).toBeLessThanOrEqual(m.float32Bytes + 64 * 1024);
  });
});

describe('budget check', () => {
  const list = parseBudgets({
    budgets: [
      { figure: 'a', max: 10, why: 'x' },
      { figure: 'b', max: 10, why: 'y' },
      { figure: 'c', max: 10, why: 'z' },
    ],
  });

  test('ok, over and not measured', () => {
    expect(checkBudgets({ a: 10, b: 11 }, list).map((o) => o.status)).toEqual(['ok', 'over', 'not measured']);
  });

  test('malformed and duplicate entries are rejected', () => {
    expect(() => parseBudgets({ budgets: [{ figure: 'a', max: '1', why: '' }] })).toThrow(/entry 0/);
    expect(() =>
      parseBudgets({
        budgets: [
          { figure: 'a', max: 1, why: '' },
          { figure: 'a', max: 2, why: '' },
        ],
      }),
    ).toThrow(/twice/);
    expect(() => parseBudgets([])).toThrow(/budgets/);
  });
});

describe('summaries', () => {
  test('median and quartiles', () => {
    expect(summarise([5, 1, 3])).toMatchObject({ n: 3, median: 3, min: 1, max: 5, q1: 1, q3: 5 });
    expect(summarise([1, 2, 3, 4, 5, 6, 7, 8, 9])).toMatchObject({ median: 5, q1: 3, q3: 7 });
    expect(summarise([4, 2])).toMatchObject({ median: 3 });
    expect(() => summarise([])).toThrow(RangeError);
  });
});

describe('generated benchmark posts', () => {
  test('valid for the site schema, with math and code', () => {
    const source = generatedPost(7);
    const front = source.split('---')[1] ?? '';
    const data = Object.fromEntries(
      front
        .trim()
        .split('\n')
        .map((line) => {
          const at = line.indexOf(':');
          const value = line.slice(at + 1).trim();
          return [line.slice(0, at), value.startsWith('[') ? value.slice(1, -1).split(', ') : value];
        }),
    );
    expect(postSchema.safeParse(data).success).toBe(true);
    expect(source).toMatch(/\$\$\n.+\n\$\$/);
    expect(source).toMatch(/```ts title=/);
    expect((source.match(/\$/g) ?? []).length).toBeGreaterThan(100);
    expect(generatedPost(7)).toBe(source);
  });
});
