/**
 * What the playground's plane is: its extent, the sizes of what a frame shows, and the grids
 * its views are computed on. No dependencies, so the paint worker loads only this.
 */

/** Half-width of the square the playground shows: the plane is [-EXTENT, EXTENT]². */
export const EXTENT = 2.5;

/** Fixed sizes of what a playground frame shows (here, not in toy-run.ts, so the page can read them without TF.js). */
export const VIEW = {
  /** generated samples drawn (fixed latents, so frames are comparable) */
  samples: 512,
  /** real samples drawn */
  real: 512,
  /** heatmap cells per side */
  heatCells: 40,
  /** D* cells per side (kernel estimates cost cells² × samples) */
  optimalCells: 28,
  /** gradient arrows per side */
  arrowCells: 13,
  /** generated samples that carry a gradient arrow */
  sampleArrows: 64,
  /** kernel bandwidth of the D* density estimates */
  bandwidth: 0.12,
} as const;

/** Row-major grid of `cells`² cell centres over the plane, [cells², 2], y from top (+EXTENT) to bottom. */
export function planeGrid(cells: number, extent = EXTENT): Float32Array {
  const out = new Float32Array(cells * cells * 2);
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      const i = row * cells + col;
      out[2 * i] = -extent + ((col + 0.5) * 2 * extent) / cells;
      out[2 * i + 1] = extent - ((row + 0.5) * 2 * extent) / cells;
    }
  }
  return out;
}
