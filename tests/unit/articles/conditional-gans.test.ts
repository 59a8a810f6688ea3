/**
 * The numbers the conditional-GAN article and its Q&A state, computed by
 * content/posts/conditional-gans/projection.ts.
 */
import { describe, expect, it } from 'vitest';
import { acganTerms, concatenationLogit, projectionLogit, toy } from '../../../content/posts/conditional-gans/projection.ts';

describe('conditional GANs article: projection versus concatenation', () => {
  const { phiSeven, phiOne, V, w, b, u } = toy;

  it('the shared unconditional part ψ is 0.5 for both toy images', () => {
    expect(projectionLogit(phiSeven, [[0, 0]], 0, w, b)).toBeCloseTo(0.5, 12);
    expect(projectionLogit(phiOne, [[0, 0]], 0, w, b)).toBeCloseTo(0.5, 12);
  });

  it('projection logits of the toy: 2.5, 1.5, 3.5, 0.5', () => {
    expect(projectionLogit(phiSeven, V, 0, w, b)).toBeCloseTo(2.5, 12);
    expect(projectionLogit(phiSeven, V, 1, w, b)).toBeCloseTo(1.5, 12);
    expect(projectionLogit(phiOne, V, 1, w, b)).toBeCloseTo(3.5, 12);
    expect(projectionLogit(phiOne, V, 0, w, b)).toBeCloseTo(0.5, 12);
  });

  it('projection: changing the label changes the logit by (v1 − v0) · φ, which depends on the image', () => {
    const shiftSeven = projectionLogit(phiSeven, V, 1, w, b) - projectionLogit(phiSeven, V, 0, w, b);
    const shiftOne = projectionLogit(phiOne, V, 1, w, b) - projectionLogit(phiOne, V, 0, w, b);
    expect(shiftSeven).toBeCloseTo(-1, 12);
    expect(shiftOne).toBeCloseTo(3, 12);
  });

  it('concatenation at the last linear layer: the same shift u1 − u0 = -0.5 for every image', () => {
    expect(toy.shiftSeven).toBeCloseTo(-0.5, 12);
    expect(toy.shiftOne).toBeCloseTo(-0.5, 12);
    for (const phi of [phiSeven, phiOne, [10, -4]]) {
      expect(concatenationLogit(phi, u, 1, w, b) - concatenationLogit(phi, u, 0, w, b)).toBeCloseTo(-0.5, 12);
    }
  });

  it('rejects a class with no embedding row', () => {
    expect(() => projectionLogit(phiSeven, V, 5, w, b)).toThrow(/class 5/);
    expect(() => concatenationLogit(phiSeven, u, 5, w, b)).toThrow(/class 5/);
  });
});

describe('conditional GANs article: AC-GAN terms', () => {
  it('a discriminator that is sure of both source and class has L_S = L_C = 0', () => {
    const t = acganTerms(1, 0, 1, 1);
    expect(t.sourceLogLikelihood).toBe(0);
    expect(t.classLogLikelihood).toBe(0);
  });

  it('the review example: P(real|real) 0.8, P(real|fake) 0.4, class 0.9 and 0.6', () => {
    const t = acganTerms(0.8, 0.4, 0.9, 0.6);
    expect(t.sourceLogLikelihood).toBeCloseTo(Math.log(0.8) + Math.log(0.6), 12);
    expect(t.sourceLogLikelihood).toBeCloseTo(-0.734, 3);
    expect(t.classLogLikelihood).toBeCloseTo(-0.616, 3);
    // G maximises L_C − L_S; D maximises L_S + L_C.
    expect(t.classLogLikelihood - t.sourceLogLikelihood).toBeCloseTo(0.118, 3);
    expect(t.classLogLikelihood + t.sourceLogLikelihood).toBeCloseTo(-1.35, 3);
  });
});
