/**
 * Non-convergence in the smallest game there is: V(x, y) = x·y, x minimises and y maximises, the
 * only equilibrium is (0, 0) (Goodfellow 2016; Salimans et al. 2016). Each player follows its own
 * gradient with step size η; the article reports how far from the equilibrium they end up.
 */

export interface GamePoint {
  readonly x: number;
  readonly y: number;
}

// #region bilinear-game
/** Both players step at once from the same point: ∂V/∂x = y, ∂V/∂y = x. */
export function simultaneousStep({ x, y }: GamePoint, eta: number): GamePoint {
  return { x: x - eta * y, y: y + eta * x };
}

/** The minimiser steps first and the maximiser answers the new x (as GAN training alternates). */
export function alternatingStep({ x, y }: GamePoint, eta: number): GamePoint {
  const nextX = x - eta * y;
  return { x: nextX, y: y + eta * nextX };
}

/** Distance from the equilibrium (0, 0) after each of `steps` steps. */
export function distances(step: (p: GamePoint, eta: number) => GamePoint, start: GamePoint, eta: number, steps: number): number[] {
  const out: number[] = [];
  let p = start;
  for (let i = 0; i < steps; i++) {
    p = step(p, eta);
    out.push(Math.hypot(p.x, p.y));
  }
  return out;
}
// #endregion bilinear-game

/** The run the article describes: start at distance 1, η = 0.1, 200 steps. */
export const bilinearRun = (() => {
  const start = { x: 1, y: 0 };
  const eta = 0.1;
  const steps = 200;
  const simultaneous = distances(simultaneousStep, start, eta, steps);
  const alternating = distances(alternatingStep, start, eta, steps);
  return {
    eta,
    steps,
    simultaneousFinal: simultaneous.at(-1)!,
    /** each simultaneous step multiplies the distance by √(1 + η²) */
    growthPerStep: Math.sqrt(1 + eta * eta),
    alternatingMin: Math.min(...alternating),
    alternatingMax: Math.max(...alternating),
    alternatingFinal: alternating.at(-1)!,
  };
})();

/**
 * SVG polyline points ("x,y x,y …") of a run, scaled so that distance 1 from the equilibrium is
 * `scale` pixels, for the article's figure (the SVG puts (0, 0) at the centre of its viewBox).
 */
export function trajectoryPoints(step: (p: GamePoint, eta: number) => GamePoint, steps: number, scale: number): string {
  const points: string[] = [];
  let p: GamePoint = { x: 1, y: 0 };
  points.push(`${scale},0`);
  for (let i = 0; i < steps; i++) {
    p = step(p, bilinearRun.eta);
    points.push(`${(p.x * scale).toFixed(1)},${(-p.y * scale).toFixed(1)}`);
  }
  return points.join(' ');
}
