/**
 * Mode collapse as best responses: the data have K equally likely modes; the discriminator is the
 * optimal one for the current generator; the generator answers with the single mode that D finds
 * most real (what minimising -log D(G(z)) against a fixed D asks for). Goodfellow (2016) describes
 * this max-min behaviour; here it is on four outcomes.
 */
import { generatorObjective, optimalDiscriminator } from './discriminator-optimum.ts';

// #region mode-hopping
/** All of the generator's mass on one outcome. */
const pointMass = (k: number, size: number) => Array.from({ length: size }, (_, i) => (i === k ? 1 : 0));

/** The outcome a fixed discriminator scores highest (the first one on ties). */
const mostBelieved = (d: readonly number[]) => d.indexOf(Math.max(...d));

/** `rounds` rounds of: D is optimal for the current G, then G moves all its mass to D's favourite. */
export function bestResponseRounds(modes: number, rounds: number): { mode: number; value: number }[] {
  const data = Array.from({ length: modes }, () => 1 / modes);
  let mode = 0;
  const history = [];
  for (let r = 0; r < rounds; r++) {
    const pG = pointMass(mode, modes);
    history.push({ mode, value: generatorObjective(data, pG) });
    mode = mostBelieved(optimalDiscriminator(data, pG));
  }
  return history;
}
// #endregion mode-hopping

/** The run the article describes: four modes, six rounds. */
export const hopping = (() => {
  const history = bestResponseRounds(4, 6);
  const uniform = [0.25, 0.25, 0.25, 0.25];
  return {
    modesVisited: history.map((h) => h.mode),
    collapsedValue: history[0]!.value,
    coveredValue: generatorObjective(uniform, uniform),
  };
})();
