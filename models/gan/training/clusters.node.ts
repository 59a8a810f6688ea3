/** The self-conditioned preset's k-means clusters of the training images, as a training input. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { clusterWithinClasses, loadOrClusterImages, type Clusters } from '../../data/clusters.node.ts';
import type { MnistSet } from '../../data/mnist.node.ts';
import { argmaxOffsets } from '../code-prior.ts';
import type { GanPreset } from '../presets.ts';

/** Code offsets (rounded to 1e-6) that draw cluster k with its share of the images in `sizes`. */
function offsetsForSizes(sizes: readonly number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  return argmaxOffsets(sizes.map((n) => n / total)).map((b) => Math.round(b * 1e6) / 1e6);
}

/**
 * For a self-conditioned preset: the k-means clusters of the training images (cached in the run
 * directory) and the preset with code offsets that draw each cluster as often as it holds images.
 * For a sub-clustered conditional preset: the clusters within each class (fine ids class · S +
 * group) and per-class offsets that draw each group as often as it holds images of its class.
 */
export function withClusters(
  preset: GanPreset,
  runDir: string,
  seed: number,
  mnist: MnistSet | undefined,
): { preset: GanPreset; clusters?: Clusters } {
  const arch = preset.architecture;
  if (arch.subClusters !== undefined && arch.numClasses !== undefined) {
    if (mnist === undefined) throw new Error(`${preset.name}: sub-clusters need the MNIST training images`);
    mkdirSync(runDir, { recursive: true });
    const { numClasses, subClusters: s } = arch;
    const clusters = loadOrClusterImages(path.join(runDir, 'sub-clusters.json'), mnist.images, mnist.count, numClasses * s, seed, () =>
      clusterWithinClasses(mnist.images, mnist.labels, mnist.count, numClasses, s, seed),
    );
    const subClusterOffsets = Array.from({ length: numClasses }, (_, c) => offsetsForSizes(clusters.sizes.slice(c * s, (c + 1) * s)));
    return { preset: { ...preset, architecture: { ...arch, subClusterOffsets } }, clusters };
  }
  if (arch.codeConditionsDiscriminator !== true || arch.categoricalCode === undefined) return { preset };
  if (mnist === undefined) throw new Error(`${preset.name}: clusters need the MNIST training images`);
  mkdirSync(runDir, { recursive: true });
  const clusters = loadOrClusterImages(path.join(runDir, 'clusters.json'), mnist.images, mnist.count, arch.categoricalCode, seed);
  const codeOffsets = offsetsForSizes(clusters.sizes);
  return { preset: { ...preset, architecture: { ...arch, codeOffsets } }, clusters };
}
