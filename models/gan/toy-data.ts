/**
 * 2-D targets for the training playground, and the measurements made on them: modes covered
 * and the optimal discriminator D* estimated from samples. Plain numbers, no tensors, so the
 * same code runs in Node tests, in the worker and in unit tests; every draw comes from a
 * seeded stream, so one seed gives one run everywhere.
 */
import seedrandom from 'seedrandom';

export const TARGET_NAMES = ['ring', 'grid', 'spiral', 'moons', 'drawn'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export { EXTENT, planeGrid, VIEW } from './toy-view.ts';

/** Seeded uniform and normal draws (seedrandom ARC4, Box–Muller). */
export interface Rng {
  uniform(): number;
  normal(): number;
}

export function createRng(seed: number, stream: string): Rng {
  const rng = seedrandom(`minimax-toy:${stream}:${seed}`);
  let spare: number | undefined;
  return {
    uniform: () => rng.quick(),
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      const r = Math.sqrt(-2 * Math.log(1 - rng.quick()));
      const a = 2 * Math.PI * rng.quick();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    },
  };
}

/** A target distribution: a sampler and, for Gaussian mixtures, its modes. */
export interface Target {
  readonly name: TargetName;
  /** mixture centres [x, y]; empty for targets that are not a mixture (spiral, moons, drawn) */
  readonly modes: readonly (readonly [number, number])[];
  /** standard deviation of each mixture component */
  readonly sigma: number;
  /** n points, row-major [n, 2] */
  sample(n: number, rng: Rng): Float32Array;
}

function mixture(name: TargetName, modes: [number, number][], sigma: number): Target {
  return {
    name,
    modes,
    sigma,
    sample(n, rng) {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const [mx, my] = modes[Math.floor(rng.uniform() * modes.length)] ?? [0, 0];
        out[2 * i] = mx + sigma * rng.normal();
        out[2 * i + 1] = my + sigma * rng.normal();
      }
      return out;
    },
  };
}

/** Ring of 8 Gaussians, radius 2 (the mode-collapse toy of Metz et al. 2017), σ 0.05. */
export const RING_RADIUS = 2;
export const RING_SIGMA = 0.05;
/** 5x5 grid of Gaussians 1 apart (Srivastava et al. 2017, scaled to the plane), σ 0.05. */
export const GRID_SIGMA = 0.05;

/**
 * @param drawn the reader's points [x0, y0, x1, y1, ...] for the 'drawn' target; samples are
 *   those points plus N(0, 0.05²) noise
 */
export function makeTarget(name: TargetName, drawn: readonly number[] = []): Target {
  switch (name) {
    case 'ring':
      return mixture(
        name,
        Array.from({ length: 8 }, (_, k) => [RING_RADIUS * Math.cos((2 * Math.PI * k) / 8), RING_RADIUS * Math.sin((2 * Math.PI * k) / 8)]),
        RING_SIGMA,
      );
    case 'grid':
      return mixture(
        name,
        Array.from({ length: 25 }, (_, k) => [(k % 5) - 2, Math.floor(k / 5) - 2]),
        GRID_SIGMA,
      );
    case 'spiral':
      return {
        name,
        modes: [],
        sigma: 0.05,
        sample(n, rng) {
          const out = new Float32Array(n * 2);
          for (let i = 0; i < n; i++) {
            // Arc-length-uniform enough: t ~ sqrt(U) puts more points on the longer outer turns.
            const t = Math.sqrt(rng.uniform());
            const angle = 3 * Math.PI * t;
            const r = 0.2 + 1.8 * t;
            out[2 * i] = r * Math.cos(angle) + 0.05 * rng.normal();
            out[2 * i + 1] = r * Math.sin(angle) + 0.05 * rng.normal();
          }
          return out;
        },
      };
    case 'moons':
      return {
        name,
        modes: [],
        sigma: 0.08,
        sample(n, rng) {
          const out = new Float32Array(n * 2);
          for (let i = 0; i < n; i++) {
            const a = Math.PI * rng.uniform();
            const upper = rng.uniform() < 0.5;
            const x = upper ? Math.cos(a) : 1 - Math.cos(a);
            const y = upper ? Math.sin(a) : 0.5 - Math.sin(a);
            out[2 * i] = 1.3 * (x - 0.5) + 0.08 * rng.normal();
            out[2 * i + 1] = 1.3 * (y - 0.25) + 0.08 * rng.normal();
          }
          return out;
        },
      };
    case 'drawn': {
      const points = drawn.length >= 2 ? drawn : [0, 0];
      const count = Math.floor(points.length / 2);
      return {
        name,
        modes: [],
        sigma: 0.05,
        sample(n, rng) {
          const out = new Float32Array(n * 2);
          for (let i = 0; i < n; i++) {
            const k = Math.floor(rng.uniform() * count);
            out[2 * i] = (points[2 * k] ?? 0) + 0.05 * rng.normal();
            out[2 * i + 1] = (points[2 * k + 1] ?? 0) + 0.05 * rng.normal();
          }
          return out;
        },
      };
    }
  }
}

// #region modes-covered
/**
 * Modes covered: a mode counts when at least `share` of its fair share of the samples
 * (n / modes) lies within 3σ of its centre (the criterion of Srivastava et al. 2017, VEEGAN,
 * with a minimum count instead of "any sample").
 * @param samples [n, 2]
 * @returns the count, and how many samples lie within 3σ of some mode ("high quality")
 */
export function modesCovered(target: Target, samples: Float32Array, share = 0.1): { covered: number; of: number; highQuality: number } {
  const modes = target.modes;
  const n = samples.length / 2;
  if (modes.length === 0 || n === 0) return { covered: 0, of: modes.length, highQuality: 0 };
  const counts = new Array<number>(modes.length).fill(0);
  const r2 = (3 * target.sigma) ** 2;
  let highQuality = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[2 * i] ?? 0;
    const y = samples[2 * i + 1] ?? 0;
    for (let k = 0; k < modes.length; k++) {
      const [mx, my] = modes[k] ?? [0, 0];
      if ((x - mx) ** 2 + (y - my) ** 2 <= r2) {
        counts[k] = (counts[k] ?? 0) + 1;
        highQuality++;
        break;
      }
    }
  }
  const needed = Math.max(1, share * (n / modes.length));
  return { covered: counts.filter((c) => c >= needed).length, of: modes.length, highQuality: highQuality / n };
}
// #endregion modes-covered

/**
 * Gaussian kernel density estimate at each query point.
 * The kernel factorises, exp(-(dx² + dy²)/2σ²) = exp(-dx²/2σ²)·exp(-dy²/2σ²), so when the
 * queries share few distinct coordinates (a grid: 28 xs and 28 ys for 784 points) each factor
 * is computed once per distinct coordinate and sample, and a query costs one multiply-add per
 * sample instead of an exp.
 * @param points [n, 2] samples; @param queries [m, 2]; @param bandwidth kernel σ
 */
export function kernelDensity(points: Float32Array, queries: Float32Array, bandwidth: number): Float32Array {
  const n = points.length / 2;
  const m = queries.length / 2;
  const out = new Float32Array(m);
  const inv = -1 / (2 * bandwidth * bandwidth);
  const norm = 1 / (2 * Math.PI * bandwidth * bandwidth * Math.max(1, n));
  const xs = distinct(queries, 0);
  const ys = distinct(queries, 1);
  if (xs.size + ys.size < m) {
    const factors = (values: Map<number, number>, axis: number) => {
      const table = new Float64Array(values.size * n);
      for (const [value, row] of values)
        for (let i = 0; i < n; i++) {
          const d = (points[2 * i + axis] ?? 0) - value;
          table[row * n + i] = Math.exp(d * d * inv);
        }
      return table;
    };
    const fx = factors(xs, 0);
    const fy = factors(ys, 1);
    for (let j = 0; j < m; j++) {
      const ox = (xs.get(queries[2 * j] ?? 0) ?? 0) * n;
      const oy = (ys.get(queries[2 * j + 1] ?? 0) ?? 0) * n;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (fx[ox + i] ?? 0) * (fy[oy + i] ?? 0);
      out[j] = sum * norm;
    }
    return out;
  }
  for (let j = 0; j < m; j++) {
    const qx = queries[2 * j] ?? 0;
    const qy = queries[2 * j + 1] ?? 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const dx = (points[2 * i] ?? 0) - qx;
      const dy = (points[2 * i + 1] ?? 0) - qy;
      sum += Math.exp((dx * dx + dy * dy) * inv);
    }
    out[j] = sum * norm;
  }
  return out;
}

/** Distinct values of one coordinate of [m, 2] points, each with its row index. */
function distinct(queries: Float32Array, axis: number): Map<number, number> {
  const rows = new Map<number, number>();
  for (let j = axis; j < queries.length; j += 2) {
    const v = queries[j] ?? 0;
    if (!rows.has(v)) rows.set(v, rows.size);
  }
  return rows;
}

// #region optimal-discriminator-estimate
/**
 * The optimal discriminator D*(x) = p_data(x) / (p_data(x) + p_g(x)) (Goodfellow et al. 2014,
 * Proposition 1), both densities estimated from samples with the same Gaussian kernel.
 * Where neither distribution has mass (both estimates below `floor`), D* is 0.5: undefined, and
 * drawn as "no opinion".
 */
export function optimalDiscriminator(
  real: Float32Array,
  fake: Float32Array,
  queries: Float32Array,
  bandwidth: number,
  floor = 1e-6,
): Float32Array {
  const pd = kernelDensity(real, queries, bandwidth);
  const pg = kernelDensity(fake, queries, bandwidth);
  return pd.map((d, i) => {
    const g = pg[i] ?? 0;
    return d + g < floor ? 0.5 : d / (d + g);
  });
}
// #endregion optimal-discriminator-estimate
