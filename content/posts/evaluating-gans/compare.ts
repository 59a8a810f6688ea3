/**
 * Words for comparisons between measured figures, decided at build from the model cards,
 * so a sentence such as "the dcgan scores lower than Goodfellow et al.'s GAN" stays true
 * when a model is retrained and re-evaluated. tests/unit/articles/evaluating-gans.test.ts
 * checks the rule.
 */
import { readModelCard, valueAtPath } from '../../../src/lib/card-values.ts';

/** A number from `models/<model>/artifact/card.json`; throws naming the model and path when it is missing. */
export function cardNumber(model: string, path: string): number {
  const value = valueAtPath(readModelCard(model), path);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`content/posts/evaluating-gans/compare.ts: models/${model}/artifact/card.json has no number at "${path}"`);
  }
  return value;
}

/**
 * "higher than" or "lower than" for a against b; "within the error of" when the two
 * differ by less than the sum of their standard errors (so a tie is not called a ranking).
 */
export function comparison(a: number, b: number, errorA = 0, errorB = 0): 'higher than' | 'lower than' | 'within the error of' {
  if (Math.abs(a - b) <= errorA + errorB) return 'within the error of';
  return a > b ? 'higher than' : 'lower than';
}
