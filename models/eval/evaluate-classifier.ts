/** The classifier's evaluation: test accuracy overall and per digit, beside the Fréchet floor. */
import type { ClassifierResults } from '../artifact/card-schema.ts';
import type { MnistSet } from '../data/mnist.node.ts';
import type { BarResult } from './quality.ts';
import type { References } from './references.ts';
import { pct, type Rows } from './report.ts';

export interface ClassifierEvaluation {
  readonly results: ClassifierResults;
  readonly bars: BarResult[];
  /** Table rows (measure, value, reference) for the terminal and card.md. */
  readonly rows: Rows;
}

/** Scores the classifier's test-set predictions (already in `refs`) against the labels. */
export function evaluateClassifier(test: MnistSet, refs: References): ClassifierEvaluation {
  let correct = 0;
  const perDigit = new Array<number>(10).fill(0);
  const perDigitN = new Array<number>(10).fill(0);
  for (let i = 0; i < test.count; i++) {
    const l = test.labels[i]!;
    perDigitN[l]! += 1;
    if (refs.testPredictions[i] === l) {
      correct++;
      perDigit[l]! += 1;
    }
  }
  const acc = correct / test.count;
  const rows: Rows = [['measure', 'value', 'reference']];
  rows.push(['test accuracy (shipped weights)', pct(acc, 2), '>= 99 %']);
  perDigit.forEach((c, d) => rows.push([`  digit ${d}`, pct(c / perDigitN[d]!, 2), `${perDigitN[d]} images`]));
  rows.push(['Fréchet floor (train vs test)', refs.floor.toFixed(4), `${refs.floorImages} vs ${test.count} images`]);
  return {
    results: {
      testAccuracy: acc,
      testImages: test.count,
      perDigitAccuracy: perDigit.map((c, d) => c / perDigitN[d]!),
      frechetFloor: refs.floor,
    },
    bars: [{ bar: 'test accuracy >= 99 %', pass: acc >= 0.99, measured: pct(acc, 2) }],
    rows,
  };
}
