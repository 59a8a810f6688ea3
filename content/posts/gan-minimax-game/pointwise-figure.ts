/**
 * Data for the figure of "The minimax game behind GANs" that shows why the optimal
 * discriminator is a density ratio: at each outcome x, D(x) = y maximises
 * u·log y + v·log(1 − y) with u = p_data(x), v = p_g(x), and the maximum sits at
 * u / (u + v). The curves are drawn as SVG polylines at build; the unit test in
 * tests/unit/articles/gan-minimax-game.test.ts checks the maxima against D*.
 */
import { example, optimalDiscriminator } from './optimal-discriminator.ts';

/** The pointwise objective of the discriminator at one outcome. */
export function pointwiseObjective(u: number, v: number, y: number): number {
  return u * Math.log(y) + v * Math.log(1 - y);
}

/** Plot box of the figure, in SVG user units, and the value range it shows. */
export const PLOT = { width: 480, height: 260, left: 48, right: 16, top: 16, bottom: 40, yMin: -2.5, yMax: 0 } as const;

const sx = (y: number) => PLOT.left + y * (PLOT.width - PLOT.left - PLOT.right);
const sy = (value: number) =>
  PLOT.top + ((PLOT.yMax - Math.max(PLOT.yMin, value)) / (PLOT.yMax - PLOT.yMin)) * (PLOT.height - PLOT.top - PLOT.bottom);

export interface OutcomeCurve {
  /** Which outcome: 1 or 2 of the example. */
  outcome: number;
  /** SVG `points` of the curve y ↦ objective, clipped to the plot's value range. */
  points: string;
  /** Where the curve peaks: at D = D*(x), with that objective value, and the SVG position. */
  peak: { d: number; value: number; svgX: number; svgY: number };
}

/** One curve per outcome of the post's example (p_data = (0.5, 0.5), p_g = (0.9, 0.1)). */
export function exampleCurves(samples = 200): OutcomeCurve[] {
  const dStar = optimalDiscriminator(example.pData, example.pG);
  return example.pData.map((u, i) => {
    const v = example.pG[i]!;
    const ys = Array.from({ length: samples }, (_, k) => 0.005 + (0.99 * k) / (samples - 1));
    const points = ys.map((y) => `${sx(y).toFixed(1)},${sy(pointwiseObjective(u, v, y)).toFixed(1)}`).join(' ');
    const peakY = dStar[i]!;
    const value = pointwiseObjective(u, v, peakY);
    return { outcome: i + 1, points, peak: { d: peakY, value, svgX: sx(peakY), svgY: sy(value) } };
  });
}

/** Tick marks of the horizontal axis (D from 0 to 1) and the vertical axis. */
export function axisTicks() {
  return {
    x: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ label: String(t), at: sx(t) })),
    y: [0, -1, -2].map((t) => ({ label: t === 0 ? '0' : `−${-t}`, at: sy(t) })),
    baseline: PLOT.height - PLOT.bottom,
    left: PLOT.left,
    right: PLOT.width - PLOT.right,
    top: PLOT.top,
  };
}
