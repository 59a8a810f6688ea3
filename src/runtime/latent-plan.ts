import { sampleLatents, slerp } from '../../models/gan/latent.ts';
import type { GenerateRequest } from './protocol.ts';

/**
 * The generator inputs for a request: latents from the seed (the same in the worker and in the
 * build-time fallback, which is what lets the two pictures agree) and one label per sample.
 *
 * @returns latents [n * latentDim] drawn from N(0, 1); labels [n] (all 0 when none given)
 */
export function planInputs(request: GenerateRequest, latentDim: number): { latents: Float32Array; labels: number[] } {
  const { n, seed } = request;
  let latents: Float32Array;
  if (request.latents) {
    if (request.latents.length !== n * latentDim) {
      throw new RangeError(`Expected ${n} x ${latentDim} latents, got ${request.latents.length} values.`);
    }
    latents = request.latents;
  } else if (request.walk) {
    const { position, keyframes } = request.walk;
    const k = Math.floor(position);
    const t = position - k;
    const from = sampleLatents(seed + (((k % keyframes) + keyframes) % keyframes), n, latentDim);
    const to = sampleLatents(seed + ((((k + 1) % keyframes) + keyframes) % keyframes), n, latentDim);
    latents = new Float32Array(n * latentDim);
    for (let i = 0; i < n; i++) {
      const span = [i * latentDim, (i + 1) * latentDim] as const;
      latents.set(slerp(from.subarray(...span), to.subarray(...span), t), i * latentDim);
    }
  } else if (request.sameLatent) {
    const one = sampleLatents(seed, 1, latentDim);
    latents = new Float32Array(n * latentDim);
    for (let i = 0; i < n; i++) latents.set(one, i * latentDim);
  } else {
    latents = sampleLatents(seed, n, latentDim);
  }
  const labels = Array.from({ length: n }, (_, i) => request.labels?.[i] ?? 0);
  return { latents, labels };
}
