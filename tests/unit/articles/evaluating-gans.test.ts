/**
 * The numbers the evaluation article and its Q&A state, computed by
 * content/posts/evaluating-gans/metrics.ts; the Fréchet examples are also checked against
 * the project's own models/eval/frechet.ts, which measured the shipped models.
 */
import { describe, expect, it } from 'vitest';
import {
  confidentSamples,
  examples,
  frechetDistance1d,
  inceptionScore,
  mixtureLossBound,
  prdPoint,
} from '../../../content/posts/evaluating-gans/metrics.ts';
import { frechetDistance, type GaussianStats } from '../../../models/eval/frechet.ts';
import { cardNumber, comparison } from '../../../content/posts/evaluating-gans/compare.ts';

const diagonal = (mean: number[], variances: number[]): GaussianStats => {
  const d = mean.length;
  const cov = new Float64Array(d * d);
  variances.forEach((v, i) => (cov[i * d + i] = v));
  return { dim: d, count: 2, mean: Float64Array.from(mean), cov };
};

describe('evaluation article: Inception Score', () => {
  it('confident samples spread evenly over 10 classes score 10; over 5, 5; one class, 1', () => {
    expect(examples.tenClassesConfident).toBeCloseTo(10, 10);
    expect(examples.fiveClassesConfident).toBeCloseTo(5, 10);
    expect(examples.oneClassConfident).toBeCloseTo(1, 10);
  });

  it('a classifier that cannot tell (uniform p(y|x)) gives 1, however varied the samples', () => {
    expect(examples.uniformGuesses).toBeCloseTo(1, 10);
  });

  it('ten memorised images, one per class, score the same 10 as 1,000 varied ones', () => {
    expect(inceptionScore(confidentSamples(10, 10))).toBeCloseTo(examples.tenClassesConfident, 10);
  });

  it('rejects an empty sample', () => {
    expect(() => inceptionScore([])).toThrow(/no samples/);
  });
});

describe('evaluation article: Fréchet distance', () => {
  it('shifting the mean by 2 or tripling the spread both give 4', () => {
    expect(examples.shiftedMean).toBeCloseTo(4, 12);
    expect(examples.widerSpread).toBeCloseTo(4, 12);
  });

  it('agrees with models/eval/frechet.ts, also summed over independent axes', () => {
    expect(frechetDistance(diagonal([0], [1]), diagonal([2], [1]))).toBeCloseTo(4, 10);
    expect(frechetDistance(diagonal([0], [1]), diagonal([0], [9]))).toBeCloseTo(4, 10);
    expect(frechetDistance(diagonal([0, 0], [1, 1]), diagonal([2, 0], [1, 9]))).toBeCloseTo(
      frechetDistance1d(0, 1, 2, 1) + frechetDistance1d(0, 1, 0, 3),
      10,
    );
  });
});

describe('evaluation article: precision and recall for distributions', () => {
  it('a model on half the modes: (0.5, 0.5) at λ = 1, precision 1 at recall 0.5 at λ = 2', () => {
    expect(examples.atLambdaOne.precision).toBeCloseTo(0.5, 12);
    expect(examples.atLambdaOne.recall).toBeCloseTo(0.5, 12);
    expect(examples.atLambdaTwo.precision).toBeCloseTo(1, 12);
    expect(examples.atLambdaTwo.recall).toBeCloseTo(0.5, 12);
  });

  it('recall never exceeds 0.5 for that model, for any λ', () => {
    for (const lambda of [0.01, 0.1, 0.5, 1, 2, 10, 100]) {
      expect(prdPoint([0.25, 0.25, 0.25, 0.25], [0.5, 0.5, 0, 0], lambda).recall).toBeLessThanOrEqual(0.5 + 1e-12);
    }
  });

  it('identical distributions reach precision 1 and recall 1 at λ = 1', () => {
    expect(prdPoint([0.2, 0.8], [0.2, 0.8], 1)).toEqual({ precision: 1, recall: 1 });
  });
});

describe('evaluation article: the 99 % noise mixture', () => {
  it('loses at most log 100 ≈ 4.61 nats per image', () => {
    expect(examples.noisyMixtureLoss).toBeCloseTo(Math.log(100), 12);
    expect(examples.noisyMixtureLoss).toBeCloseTo(4.61, 2);
    expect(mixtureLossBound(1)).toBeCloseTo(0, 12);
  });
});

describe('evaluation article: comparisons decided from the cards', () => {
  it('calls a difference larger than the summed standard errors a ranking, else a tie', () => {
    expect(comparison(199, 225, 2, 2)).toBe('lower than');
    expect(comparison(243, 225, 2, 2)).toBe('higher than');
    expect(comparison(227, 225, 1, 1)).toBe('within the error of');
  });

  it('reads card numbers and names the model and path when one is missing', () => {
    expect(Number.isFinite(cardNumber('dcgan', 'metrics.parzen.meanNats'))).toBe(true);
    expect(() => cardNumber('dcgan', 'metrics.parzen.noSuchField')).toThrow(/noSuchField/);
    expect(() => cardNumber('dcgan', 'metrics.parzen.protocol')).toThrow(
      /models\/dcgan\/artifact\/card\.json has no number at "metrics\.parzen\.protocol"/,
    );
  });
});
