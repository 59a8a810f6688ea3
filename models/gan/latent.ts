/**
 * Seeded latent vectors: the same seed gives the same latents in Node and in the browser
 * (seedrandom's ARC4 stream, Box–Muller in float64, rounded once to float32).
 */
import seedrandom from 'seedrandom';

/** A stream of standard-normal numbers from a seeded uniform generator. */
export interface NormalStream {
  /** Fills `out` with N(0, 1) draws and returns it. */
  fill(out: Float32Array): Float32Array;
  /** Serialisable state, to resume the stream exactly (checkpoints). */
  state(): object;
}

/**
 * Box–Muller: two uniforms u1 in (0, 1], u2 in [0, 1) give two independent N(0, 1) draws
 * r·cos(2πu2) and r·sin(2πu2) with r = sqrt(-2 ln u1).
 * @param state a value from `NormalStream.state()` to resume from (then `seed` is ignored)
 */
export function createNormalStream(seed: number, state?: object): NormalStream {
  const rng =
    state === undefined ? seedrandom(`minimax:${seed}`, { state: true }) : seedrandom('', { state: state as seedrandom.State.Arc4 });
  let spare: number | undefined;
  return {
    fill(out) {
      for (let i = 0; i < out.length; i++) {
        if (spare !== undefined) {
          out[i] = spare;
          spare = undefined;
          continue;
        }
        const u1 = 1 - rng.quick(); // (0, 1]: log(0) never happens
        const u2 = rng.quick();
        const r = Math.sqrt(-2 * Math.log(u1));
        out[i] = r * Math.cos(2 * Math.PI * u2);
        spare = r * Math.sin(2 * Math.PI * u2);
      }
      return out;
    },
    state() {
      // The spare draw is part of the state; keep it so a resumed stream continues exactly.
      return { rng: rng.state(), spare: spare ?? null };
    },
  };
}

/** Restores a stream from `NormalStream.state()`. */
export function restoreNormalStream(saved: object): NormalStream {
  const s = saved as { rng: object; spare: number | null };
  const stream = createNormalStream(0, s.rng);
  if (s.spare === null) return stream;
  // Re-inject the pending spare draw in front of the restored stream.
  let pending: number | undefined = s.spare;
  return {
    fill(out) {
      if (pending === undefined || out.length === 0) return stream.fill(out);
      out[0] = pending;
      pending = undefined;
      stream.fill(out.subarray(1));
      return out;
    },
    state() {
      if (pending === undefined) return stream.state();
      return { rng: (stream.state() as { rng: object }).rng, spare: pending };
    },
  };
}

/**
 * `n` latent vectors of size `dim`, each entry N(0, 1), from `seed`.
 * @returns Float32Array [n * dim], row-major ([n, dim])
 */
export function sampleLatents(seed: number, n: number, dim: number): Float32Array {
  return createNormalStream(seed).fill(new Float32Array(n * dim));
}

/**
 * Spherical interpolation between two latent vectors (White 2016, "Sampling Generative
 * Networks"): follows the great circle, so intermediate points keep a typical norm for a
 * Gaussian prior, unlike a straight line that passes near the origin.
 * @param t 0 gives `a`, 1 gives `b`
 * @returns Float32Array of the same length as `a`
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  if (a.length !== b.length) throw new Error(`slerp: lengths differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1;
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  const out = new Float32Array(a.length);
  // Nearly parallel vectors: the spherical weights are 0/0; a straight line is the limit.
  const [wa, wb] = sin < 1e-6 ? [1 - t, t] : [Math.sin((1 - t) * omega) / sin, Math.sin(t * omega) / sin];
  for (let i = 0; i < a.length; i++) out[i] = wa * (a[i] ?? 0) + wb * (b[i] ?? 0);
  return out;
}
