/**
 * Unsupervised clusters of the MNIST training images, for a self-conditioned GAN (Liu et al.
 * 2020): k-means (ml-kmeans, k-means++ seeded) on 2x2-average-pooled 14x14 images. The digit
 * labels are never read here; the clusters stand in for them. Cached as JSON in a run
 * directory so a resumed run sees the same clusters.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { kmeans } from 'ml-kmeans';

export interface Clusters {
  k: number;
  seed: number;
  /** number of images clustered (the first `count` of the training set) */
  count: number;
  /** cluster of each image, in [0, k) */
  assignments: Uint8Array;
  /** images per cluster */
  sizes: number[];
  iterations: number;
  method: string;
}

/** 2x2 average pooling of [count, 28, 28] images into rows of 196 numbers. */
function pooled(images: Float32Array, count: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) {
    const img = images.subarray(i * 784, (i + 1) * 784);
    const row = new Array<number>(196);
    for (let y = 0; y < 14; y++) {
      for (let x = 0; x < 14; x++) {
        const p = 56 * y + 2 * x;
        row[14 * y + x] = ((img[p] ?? 0) + (img[p + 1] ?? 0) + (img[p + 28] ?? 0) + (img[p + 29] ?? 0)) / 4;
      }
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Clusters `count` images [count, 28, 28, 1] (any pixel scale) into `k` groups.
 * @throws RangeError when k is outside [2, 255] or there are fewer images than clusters
 */
export function clusterImages(images: Float32Array, count: number, k: number, seed: number, maxIterations = 40): Clusters {
  if (!Number.isInteger(k) || k < 2 || k > 255) throw new RangeError(`clusterImages: k must be an integer in [2, 255], got ${k}`);
  if (count < k) throw new RangeError(`clusterImages: ${count} images cannot fill ${k} clusters`);
  const result = kmeans(pooled(images, count), k, { seed, maxIterations, initialization: 'kmeans++' });
  const assignments = Uint8Array.from(result.clusters);
  const sizes = new Array<number>(k).fill(0);
  for (const c of assignments) sizes[c] = (sizes[c] ?? 0) + 1;
  return {
    k,
    seed,
    count,
    assignments,
    sizes,
    iterations: result.iterations,
    method: `k-means++ (ml-kmeans, seed ${seed}, ≤ ${maxIterations} iterations) on 2x2-pooled 14x14 pixels`,
  };
}

/**
 * Sub-clusters within each class: the images of class c (by `labels`) are clustered into `s`
 * groups with `clusterImages`, and image i gets the fine cluster labels[i] · s + its group.
 * `k` of the result is numClasses · s; `sizes` are the fine clusters' sizes.
 * @throws RangeError when numClasses · s exceeds 255 or a class has fewer than s images
 */
export function clusterWithinClasses(
  images: Float32Array,
  labels: Uint8Array,
  count: number,
  numClasses: number,
  s: number,
  seed: number,
): Clusters {
  if (numClasses * s > 255) throw new RangeError(`clusterWithinClasses: ${numClasses} x ${s} clusters exceed 255`);
  const assignments = new Uint8Array(count);
  let iterations = 0;
  for (let c = 0; c < numClasses; c++) {
    const members: number[] = [];
    for (let i = 0; i < count; i++) if (labels[i] === c) members.push(i);
    const subset = new Float32Array(members.length * 784);
    members.forEach((i, m) => subset.set(images.subarray(i * 784, (i + 1) * 784), m * 784));
    const groups = clusterImages(subset, members.length, s, seed + c);
    members.forEach((i, m) => (assignments[i] = c * s + (groups.assignments[m] ?? 0)));
    iterations = Math.max(iterations, groups.iterations);
  }
  const sizes = new Array<number>(numClasses * s).fill(0);
  for (const f of assignments) sizes[f] = (sizes[f] ?? 0) + 1;
  return {
    k: numClasses * s,
    seed,
    count,
    assignments,
    sizes,
    iterations,
    method: `within each of the ${numClasses} classes, k-means++ (ml-kmeans, seed ${seed} + class, ≤ 40 iterations) into ${s} groups on 2x2-pooled 14x14 pixels`,
  };
}

/**
 * The clusters cached in `file` when they match (k, seed, count); else computes them with
 * `make` (default: `clusterImages` into k groups) and caches them.
 */
export function loadOrClusterImages(
  file: string,
  images: Float32Array,
  count: number,
  k: number,
  seed: number,
  make: () => Clusters = () => clusterImages(images, count, k, seed),
): Clusters {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Omit<Clusters, 'assignments'> & { assignments: string };
    if (saved.k === k && saved.seed === seed && saved.count === count) {
      return { ...saved, assignments: Uint8Array.from(Buffer.from(saved.assignments, 'base64')) };
    }
  }
  const clusters = make();
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ ...clusters, assignments: Buffer.from(clusters.assignments).toString('base64') })}\n`);
  renameSync(tmp, file);
  return clusters;
}
