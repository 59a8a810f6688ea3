/**
 * "Generative adversarial networks, from the ground up" states numbers about the maths; this
 * test computes each one with the code the article shows, checks it against the real losses and
 * the shipped model cards where they meet, and checks that the prose states the same figures.
 */
import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nonSaturatingGeneratorLoss, saturatingGeneratorLoss } from '../../../models/gan/losses.ts';
import { PRESETS } from '../../../models/gan/presets.ts';
import { alternatingStep, bilinearRun, distances, simultaneousStep } from '../../../content/posts/gans-from-the-ground-up/bilinear-game.ts';
import {
  disjoint,
  equilibrium,
  generatorObjective,
  jensenShannon,
  optimalDiscriminator,
  shippedRealTarget,
  valueFunction,
} from '../../../content/posts/gans-from-the-ground-up/discriminator-optimum.ts';
import { nonSaturatingSlope, rejected, saturatingSlope } from '../../../content/posts/gans-from-the-ground-up/generator-gradients.ts';
import { noisyMixture, worstLikelihoodLoss } from '../../../content/posts/gans-from-the-ground-up/likelihood-gap.ts';
import { bestResponseRounds, hopping } from '../../../content/posts/gans-from-the-ground-up/mode-hopping.ts';

const ARTICLE = 'content/posts/gans-from-the-ground-up.mdx';
const prose = readFileSync(ARTICLE, 'utf8');
const card = (name: string) => JSON.parse(readFileSync(`models/${name}/artifact/card.json`, 'utf8')) as { training: { loss: string } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the optimal discriminator and the value of the game', () => {
  it('gives D* = 1/2 and V(D*, G) = -log 4 = -1.386 when p_g = p_data', () => {
    expect(equilibrium.dStar).toBe(0.5);
    expect(equilibrium.value).toBeCloseTo(-Math.log(4), 12);
    expect(equilibrium.value.toFixed(3)).toBe('-1.386');
  });

  it('gives 0.45 = 0.9 · 1/2 at p_g = p_data under the real target the shipped models used', () => {
    expect(shippedRealTarget).toBe(0.9);
    expect(PRESETS['cgan']?.realLabel).toBe(shippedRealTarget);
    for (const name of ['dcgan', 'cgan']) expect(card(name).training.loss).toContain(`real target ${shippedRealTarget}`);
    expect(equilibrium.smoothedDStar).toBeCloseTo(0.45, 12);
  });

  it('puts the smoothed optimum where the smoothed objective is largest (grid search)', () => {
    const [pData, pG, alpha] = [0.3, 0.1, 0.9];
    const objective = (d: number) => alpha * pData * Math.log(d) + ((1 - alpha) * pData + pG) * Math.log(1 - d);
    const grid = Array.from({ length: 9999 }, (_, i) => (i + 1) / 10000);
    const best = grid.reduce((a, b) => (objective(b) > objective(a) ? b : a));
    expect(optimalDiscriminator([pData], [pG], alpha)[0]).toBeCloseTo(best, 3);
    expect(optimalDiscriminator([pData], [pG], alpha)[0]).toBeCloseTo(0.675, 12);
  });

  it('matches C(G) = -log 4 + 2 JSD and is larger for every other generator', () => {
    const pData = [0.2, 0.3, 0.5];
    for (const pG of [
      [0.5, 0.3, 0.2],
      [0.1, 0.1, 0.8],
      [1, 0, 0],
    ]) {
      expect(generatorObjective(pData, pG)).toBeCloseTo(-Math.log(4) + 2 * jensenShannon(pData, pG), 12);
      expect(generatorObjective(pData, pG)).toBeGreaterThan(-Math.log(4));
      // D* beats any other discriminator on the same generator.
      expect(valueFunction(pData, pG, [0.5, 0.5, 0.5])).toBeLessThan(generatorObjective(pData, pG));
    }
  });

  it('stays at JSD = log 2 (0.693) and C(G) = 0 whatever a generator with disjoint support does', () => {
    expect(disjoint.jsd).toBeCloseTo(Math.log(2), 12);
    expect(disjoint.jsdFarther).toBeCloseTo(Math.log(2), 12);
    expect(disjoint.jsd.toFixed(3)).toBe('0.693');
    expect(disjoint.value).toBeCloseTo(0, 12);
  });
});

describe('saturating versus non-saturating generator loss at D(G(z)) = 0.01', () => {
  it('has slopes -0.01 and -0.99 with respect to the logit, a ratio of 99', () => {
    expect(rejected.saturating).toBeCloseTo(-0.01, 12);
    expect(rejected.nonSaturating).toBeCloseTo(-0.99, 12);
    expect(rejected.ratio).toBeCloseTo(99, 9);
  });

  it('has slopes -1.01 and -100 with respect to D itself', () => {
    expect(rejected.saturatingInD.toFixed(2)).toBe('-1.01');
    expect(rejected.nonSaturatingInD).toBeCloseTo(-100, 9);
  });

  it('agrees with a finite difference of the real losses in models/gan/losses.ts', () => {
    const l0 = Math.log(0.01 / 0.99);
    const h = 1e-3;
    const at = (loss: (t: tf.Tensor) => tf.Scalar, l: number) => {
      const input = tf.tensor2d([[l]]);
      const out = loss(input);
      const v = out.dataSync()[0]!;
      tf.dispose([input, out]);
      return v;
    };
    const before = tf.memory().numTensors;
    for (const [loss, slope] of [
      [saturatingGeneratorLoss, saturatingSlope],
      [nonSaturatingGeneratorLoss, nonSaturatingSlope],
    ] as const) {
      const numeric = (at(loss, l0 + h) - at(loss, l0 - h)) / (2 * h);
      expect(numeric).toBeCloseTo(slope(0.01), 3);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('non-convergence in V(x, y) = xy', () => {
  it('spirals out under simultaneous steps: distance (1 + η²)^(n/2), 2.70 after 200 steps of η = 0.1', () => {
    expect(bilinearRun.simultaneousFinal).toBeCloseTo((1 + 0.01) ** 100, 9);
    expect(bilinearRun.simultaneousFinal.toFixed(2)).toBe('2.70');
  });

  it('circles under alternating steps, staying between 0.97 and 1.03 of the start', () => {
    expect(bilinearRun.alternatingMin).toBeGreaterThan(0.97);
    expect(bilinearRun.alternatingMax).toBeLessThan(1.03);
    // It neither converges nor escapes over a much longer run.
    const long = distances(alternatingStep, { x: 1, y: 0 }, 0.1, 20000);
    expect(Math.min(...long)).toBeGreaterThan(0.97);
    expect(Math.max(...long)).toBeLessThan(1.03);
  });

  it('never reaches the equilibrium from anywhere but the equilibrium', () => {
    expect(distances(simultaneousStep, { x: 0, y: 0 }, 0.1, 10).every((d) => d === 0)).toBe(true);
    expect(Math.min(...distances(simultaneousStep, { x: 0.3, y: -0.2 }, 0.1, 500))).toBeGreaterThan(0.3);
  });
});

describe('mode collapse as best responses', () => {
  it('hops between two of four modes and never covers the others', () => {
    expect(hopping.modesVisited).toEqual([0, 1, 0, 1, 0, 1]);
    expect(new Set(bestResponseRounds(4, 50).map((r) => r.mode)).size).toBe(2);
  });

  it('scores a one-mode generator C(G) = -0.626, far above the -1.386 of covering all four', () => {
    expect(hopping.collapsedValue.toFixed(3)).toBe('-0.626');
    expect(hopping.coveredValue).toBeCloseTo(-Math.log(4), 12);
  });
});

describe('likelihood versus samples (Theis et al. 2016)', () => {
  it('loses at most log 100 = 4.61 nats when 99 % of samples are noise', () => {
    expect(noisyMixture.maxLoss.toFixed(2)).toBe('4.61');
    // The bound holds for any density values: log(w p + (1 - w) q) >= log w + log p.
    for (const [p, q] of [
      [1e-30, 5],
      [2, 1e-12],
      [0.5, 0.5],
    ] as const) {
      expect(Math.log(0.01 * p + 0.99 * q)).toBeGreaterThanOrEqual(Math.log(p) - worstLikelihoodLoss(0.01));
    }
  });
});

describe('the Q&A set', () => {
  const qa = (kind: string) => readFileSync(`content/qa/gans-from-the-ground-up/${kind}.md`, 'utf8');

  it('works its example with the article code: logit -4.595, slopes -0.01 and -0.99, D* 0.75, 0.675, 0.45', () => {
    const text = qa('explanation');
    expect(Math.log(0.01 / 0.99).toFixed(3)).toBe('-4.595');
    expect(optimalDiscriminator([0.3], [0.1])[0]).toBeCloseTo(0.75, 12);
    expect(optimalDiscriminator([0.3], [0.1], shippedRealTarget)[0]).toBeCloseTo(0.675, 12);
    // The two coefficients of the smoothed pointwise objective, as the explanation writes them.
    const a = shippedRealTarget * 0.3;
    const b = (1 - shippedRealTarget) * 0.3 + 0.1;
    expect(a / (a + b)).toBeCloseTo(optimalDiscriminator([0.3], [0.1], shippedRealTarget)[0]!, 12);
    expect(text).toContain(`\\frac{${a.toFixed(2)}}{${a.toFixed(2)} + ${b.toFixed(2)}}`);
    for (const figure of ['-4.595', '-0.01', '-0.99', '99 times', '0.75', '0.675', '0.45', '\\alpha = 0.9']) {
      expect(text, `explanation should state ${figure}`).toContain(figure);
    }
  });

  it('answers its review questions with the numbers the code computes', () => {
    const text = qa('review');
    for (const figure of [
      '-0.01',
      '-0.99',
      '99 times',
      '0.675',
      '0.45',
      '2.70',
      '0.97',
      '1.03',
      '-0.626',
      '-1.386',
      'real target of $0.9$',
    ]) {
      expect(text, `review should state ${figure}`).toContain(figure);
    }
    expect(qa('keypoints')).toContain('$-0.99$');
  });
});

describe('the prose', () => {
  it('states each computed figure as the code computes it', () => {
    const figures = ['-1.386', '0.693', '-0.01', '-0.99', '99', '-1.01', '-100', '2.70', '0.97', '1.03', '-0.626', '4.61'];
    for (const figure of figures) expect(prose, `${ARTICLE} should state ${figure}`).toContain(figure);
  });
});
