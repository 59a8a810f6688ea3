/**
 * The playground's first picture: its target's real points on the empty plane. Rendered at
 * build into the page's HTML as an SVG image, so the plot shows at first paint, before any
 * script runs; the painter draws the same points on the canvas that replaces it (same seeded
 * sample, same pixels).
 */
import { createRng, makeTarget, VIEW } from '../../../models/gan/toy-data.ts';
import type { ToyConfig } from '../../../models/gan/toy-run.ts';
import { COLOURS, PLANE_BACKGROUND, PLANE_PX, PREVIEW_POINT_PX, planePixel } from './draw.ts';

/** The real points the preview shows for a configuration (seeded: the same on server and page). */
export function previewPoints(config: Pick<ToyConfig, 'target' | 'drawn' | 'seed'>): Float32Array {
  return makeTarget(config.target, config.drawn).sample(VIEW.real, createRng(config.seed, 'preview'));
}

/** The preview as an `image/svg+xml` data URL: one square per point, as `drawPoints` draws them. */
export function previewDataUrl(config: Pick<ToyConfig, 'target' | 'drawn' | 'seed'>): string {
  const points = previewPoints(config);
  const half = PREVIEW_POINT_PX / 2;
  let path = '';
  for (let i = 0; i < points.length / 2; i++) {
    const [x, y] = planePixel(points[2 * i] ?? 0, points[2 * i + 1] ?? 0, PLANE_PX, PLANE_PX);
    path += `M${(x - half).toFixed(1)} ${(y - half).toFixed(1)}h${PREVIEW_POINT_PX}v${PREVIEW_POINT_PX}h-${PREVIEW_POINT_PX}z`;
  }
  const svg =
    `<svg xmlns='http://www.w3.org/2000/svg' width='${PLANE_PX}' height='${PLANE_PX}' viewBox='0 0 ${PLANE_PX} ${PLANE_PX}'>` +
    `<rect width='${PLANE_PX}' height='${PLANE_PX}' fill='${PLANE_BACKGROUND}'/><path fill='${COLOURS.real}' d='${path}'/></svg>`;
  return `data:image/svg+xml,${svg.replaceAll('#', '%23').replaceAll('<', '%3C').replaceAll('>', '%3E')}`;
}
