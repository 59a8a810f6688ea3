/**
 * The optimal discriminator and the value of the game on discrete distributions, in plain
 * numbers, for "Generative adversarial networks, from the ground up". The article shows these
 * regions; tests/unit/articles/gans-from-the-ground-up.test.ts checks every number it states.
 *
 * A distribution is an array of probabilities over the same finite set of outcomes.
 */
import { PRESETS } from '../../../models/gan/presets.ts';

// #region optimal-discriminator
/**
 * The best discriminator for a fixed generator, outcome by outcome. With real target 1 this is
 * Goodfellow et al.'s D*(x) = p_data / (p_data + p_g). With one-sided label smoothing (real
 * target α < 1, fake target 0) the discriminator maximises
 *   α p_data log D + ((1 - α) p_data + p_g) log(1 - D),
 * whose maximum is at D = α p_data / (p_data + p_g).
 */
export function optimalDiscriminator(pData: readonly number[], pG: readonly number[], realTarget = 1): number[] {
  return pData.map((p, i) => (realTarget * p) / (p + pG[i]!));
}

/** V(D, G) = E_data[log D(x)] + E_g[log(1 - D(x))]: with discrete outcomes, sums. */
export function valueFunction(pData: readonly number[], pG: readonly number[], d: readonly number[]): number {
  const realTerm = pData.reduce((sum, p, i) => (p > 0 ? sum + p * Math.log(d[i]!) : sum), 0);
  const fakeTerm = pG.reduce((sum, q, i) => (q > 0 ? sum + q * Math.log(1 - d[i]!) : sum), 0);
  return realTerm + fakeTerm;
}

/** C(G) = V(D*, G), the generator's objective once the discriminator is at its best. */
export function generatorObjective(pData: readonly number[], pG: readonly number[]): number {
  return valueFunction(pData, pG, optimalDiscriminator(pData, pG));
}
// #endregion optimal-discriminator

/** Jensen–Shannon divergence in nats: the mean Kullback–Leibler divergence to the midpoint. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  const m = p.map((pi, i) => (pi + q[i]!) / 2);
  const kl = (a: readonly number[]) => a.reduce((sum, ai, i) => (ai > 0 ? sum + ai * Math.log(ai / m[i]!) : sum), 0);
  return 0.5 * kl(p) + 0.5 * kl(q);
}

/** The real target the shipped models were trained with (read from the preset that trained them). */
export const shippedRealTarget = PRESETS['dcgan']?.realLabel ?? Number.NaN;

// #region equilibrium
const data = [0.2, 0.3, 0.5];
const perfect = [...data]; // a generator that matches the data exactly

optimalDiscriminator(data, perfect); // [0.5, 0.5, 0.5]
generatorObjective(data, perfect); // -1.386 = -log 4
optimalDiscriminator(data, perfect, 0.9); // [0.45, 0.45, 0.45] with one-sided smoothing
// #endregion equilibrium

/** The numbers the article states, computed here so that the test and the page agree. */
export const equilibrium = {
  dStar: optimalDiscriminator(data, perfect)[0]!,
  value: generatorObjective(data, perfect),
  smoothedDStar: optimalDiscriminator(data, perfect, shippedRealTarget)[0]!,
};

// #region disjoint-supports
/** Data on outcomes 0-1, generator on outcomes 2-3: the two never overlap. */
const dataHere = [0.5, 0.5, 0, 0];
const generatorElsewhere = [0, 0, 0.5, 0.5];
const generatorFarther = [0, 0, 0.1, 0.9];

jensenShannon(dataHere, generatorElsewhere); // 0.693 = log 2
jensenShannon(dataHere, generatorFarther); // 0.693 again: moving the samples changes nothing
generatorObjective(dataHere, generatorElsewhere); // 0 = -log 4 + 2 log 2
// #endregion disjoint-supports

export const disjoint = {
  jsd: jensenShannon(dataHere, generatorElsewhere),
  jsdFarther: jensenShannon(dataHere, generatorFarther),
  value: generatorObjective(dataHere, generatorElsewhere),
};
