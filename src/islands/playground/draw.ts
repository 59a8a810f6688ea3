/**
 * Canvas drawing for the playground: the plane (a heatmap of D or D*, real and generated
 * points, gradient arrows) and the loss and coverage curves. Plain 2-D canvas, no library.
 */
import { EXTENT } from '../../../models/gan/toy-view.ts';

/** The playground draws on page canvases or, from its paint worker, on their offscreen twins. */
export type Canvas = HTMLCanvasElement | OffscreenCanvas;
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Side of the plane's canvas in pixels. */
export const PLANE_PX = 320;
/** The plane's background before D has an opinion. */
export const PLANE_BACKGROUND = '#f7f7f7';
/** Side of a real point in the first picture (the target alone), in pixels. */
export const PREVIEW_POINT_PX = 2;

/** Colours chosen for contrast on the light heatmap and for colour-blind readers (no red/green pair). */
export const COLOURS = {
  real: '#111111',
  fake: '#c51b7d',
  arrow: '#2b2b2b',
  d: '#1a5a96',
  g: '#b0281f',
  coverage: '#2d6a1f',
} as const;

/** Brown (0: "fake") through white (0.5) to teal (1: "real"), light enough for points on top. */
function heatColour(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5));
  const low = [223, 194, 125];
  const mid = [247, 247, 247];
  const high = [128, 205, 193];
  const [a, b, u] = t < 0.5 ? [low, mid, t * 2] : [mid, high, (t - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * u)) as [number, number, number];
}

const scratch = new Map<number, Canvas>();

/** Draws `cells`² values as a smooth heatmap filling the canvas. */
export function drawHeat(ctx: Ctx2D, values: Float32Array, cells: number) {
  let small = scratch.get(cells);
  if (!small) {
    small = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(cells, cells) : document.createElement('canvas');
    small.width = cells;
    small.height = cells;
    scratch.set(cells, small);
  }
  const image = new ImageData(cells, cells);
  for (let i = 0; i < cells * cells; i++) {
    const [r, g, b] = heatColour(values[i] ?? 0.5);
    image.data.set([r, g, b, 255], i * 4);
  }
  context2d(small).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** Plane coordinates to pixels of a width × height picture of the plane. */
export function planePixel(x: number, y: number, width: number, height: number): [number, number] {
  return [((x + EXTENT) / (2 * EXTENT)) * width, ((EXTENT - y) / (2 * EXTENT)) * height];
}

/** Plane coordinates to canvas pixels. */
export function toPixel(ctx: Ctx2D, x: number, y: number): [number, number] {
  return planePixel(x, y, ctx.canvas.width, ctx.canvas.height);
}

/** Canvas pixels (CSS) of an element to plane coordinates. */
export function fromPixel(canvas: HTMLCanvasElement, clientX: number, clientY: number): [number, number] {
  const rect = canvas.getBoundingClientRect();
  return [((clientX - rect.left) / rect.width) * 2 * EXTENT - EXTENT, EXTENT - ((clientY - rect.top) / rect.height) * 2 * EXTENT];
}

export function drawPoints(ctx: Ctx2D, points: Float32Array, colour: string, size: number) {
  // One path, one fill: far cheaper than a fillRect per point on a software-rendered canvas.
  ctx.fillStyle = colour;
  ctx.beginPath();
  for (let i = 0; i < points.length / 2; i++) {
    const [px, py] = toPixel(ctx, points[2 * i] ?? 0, points[2 * i + 1] ?? 0);
    ctx.rect(px - size / 2, py - size / 2, size, size);
  }
  ctx.fill();
}

/**
 * A 2-D context kept in main memory: these canvases are small and redrawn from the CPU, and on
 * machines whose GPU canvas is emulated (SwiftShader) a GPU-backed one is much slower.
 */
export function context2d(canvas: Canvas): Ctx2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as Ctx2D | null;
  if (!ctx) throw new Error('no 2-D canvas context');
  return ctx;
}

/**
 * Arrows at `at` ([n, 2]) along `vectors` ([n, 2]), scaled so the longest is `maxLength` px.
 * @param scale a shared scale (largest vector length) so arrows of one frame compare
 */
export function drawArrows(ctx: Ctx2D, at: Float32Array, vectors: Float32Array, maxLength: number, scale: number) {
  ctx.strokeStyle = COLOURS.arrow;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < at.length / 2; i++) {
    const vx = vectors[2 * i] ?? 0;
    const vy = vectors[2 * i + 1] ?? 0;
    const length = Math.hypot(vx, vy);
    if (!Number.isFinite(length) || length < 1e-9 || scale <= 0) continue;
    const l = (Math.min(length, scale) / scale) * maxLength;
    const [x0, y0] = toPixel(ctx, at[2 * i] ?? 0, at[2 * i + 1] ?? 0);
    const ux = vx / length;
    const uy = -vy / length;
    const x1 = x0 + ux * l;
    const y1 = y0 + uy * l;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    const head = Math.min(4, l / 2);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (ux - uy * 0.5), y1 - head * (uy + ux * 0.5));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (ux + uy * 0.5), y1 - head * (uy - ux * 0.5));
  }
  ctx.stroke();
}

/** Largest vector length in [n, 2], ignoring non-finite entries. */
export function maxLength(vectors: Float32Array): number {
  let max = 0;
  for (let i = 0; i < vectors.length / 2; i++) {
    const l = Math.hypot(vectors[2 * i] ?? 0, vectors[2 * i + 1] ?? 0);
    if (Number.isFinite(l) && l > max) max = l;
  }
  return max;
}

/**
 * Loss curves (D solid, G dashed) from [step, d, g] triples, and the coverage curve from
 * [step, covered] pairs on a second scale (0 to `modes`) when the target has modes.
 * @param fontFamily the page's own font stack: a family the page has not used yet costs a font
 *   lookup on the first label (measured 0.1-0.4 s in headless Chromium)
 */
export function drawCurves(
  ctx: Ctx2D,
  losses: Float32Array,
  coverage: Float32Array,
  modes: number,
  textColour: string,
  fontFamily: string,
) {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  const pad = { left: 34, right: modes > 0 ? 24 : 6, top: 6, bottom: 16 };
  const n = losses.length / 3;
  const lastStep = Math.max(1, losses[(n - 1) * 3] ?? 1, coverage[coverage.length - 2] ?? 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    for (const v of [losses[i * 3 + 1] ?? 0, losses[i * 3 + 2] ?? 0]) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi - lo < 1e-6) [lo, hi] = [lo - 0.5, hi + 0.5];
  const x = (s: number) => pad.left + (s / lastStep) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - ((v - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  ctx.fillStyle = textColour;
  ctx.font = `10px ${fontFamily}`;
  ctx.textAlign = 'right';
  ctx.fillText(hi.toFixed(2), pad.left - 3, pad.top + 8);
  ctx.fillText(lo.toFixed(2), pad.left - 3, height - pad.bottom);
  ctx.textAlign = 'left';
  ctx.fillText('0', pad.left, height - 4);
  ctx.textAlign = 'right';
  ctx.fillText(`step ${Math.round(lastStep)}`, width - pad.right, height - 4);
  const line = (column: 1 | 2, colour: string, dash: number[]) => {
    ctx.strokeStyle = colour;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < n; i++) {
      const v = losses[i * 3 + column] ?? Number.NaN;
      if (!Number.isFinite(v)) continue;
      const px = x(losses[i * 3] ?? 0);
      const py = y(v);
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    }
    ctx.stroke();
  };
  line(1, COLOURS.d, []);
  line(2, COLOURS.g, [4, 2]);
  ctx.setLineDash([]);
  if (modes > 0 && coverage.length >= 2) {
    const yc = (c: number) => height - pad.bottom - (c / modes) * (height - pad.top - pad.bottom);
    ctx.strokeStyle = COLOURS.coverage;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < coverage.length / 2; i++) {
      const px = x(coverage[2 * i] ?? 0);
      const py = yc(coverage[2 * i + 1] ?? 0);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
    ctx.fillStyle = COLOURS.coverage;
    ctx.textAlign = 'left';
    ctx.fillText(String(modes), width - pad.right + 3, pad.top + 8);
  }
}
