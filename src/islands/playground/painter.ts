/**
 * What the playground's frames look like on its canvases, and the message loop that paints
 * them. The loop runs in the paint worker (./paint-worker.ts), which hands each painted canvas
 * to the page as an ImageBitmap: the page's main thread then only swaps pictures (measured: 20-45
 * ms a frame there before, most of it rasterising the canvases in Paint). The page shows a
 * frame's pictures and its text in one task, so they reach the screen in one compositor frame
 * (handing the worker the canvases themselves, with `transferControlToOffscreen`, was measured
 * too: each canvas then commits on its own, and on a software-rendered screen the extra
 * compositor frames cost more CPU than the drawing saved). Where a browser has no
 * OffscreenCanvas, ./paint-client.ts runs the same loop on the main thread, on the page's own
 * canvases. DOM-free: no `document`, no layout.
 */
import { planeGrid, VIEW } from '../../../models/gan/toy-view.ts';
import {
  COLOURS,
  context2d,
  drawArrows,
  drawCurves,
  drawHeat,
  drawPoints,
  maxLength,
  PLANE_BACKGROUND,
  PLANE_PX,
  PREVIEW_POINT_PX,
  type Canvas,
} from './draw.ts';
import type { PlaygroundFrame, RunView } from './protocol.ts';

/** Where the field arrows start: the training worker computes the field on this same grid. */
const arrowGrid = planeGrid(VIEW.arrowCells);

export interface PanelCanvases<C = Canvas> {
  plane: C;
  optimal: C;
  curves: C;
}

/** The page's text colour and font stack, for the curves' labels. */
export interface PaintStyle {
  textColour: string;
  fontFamily: string;
}

/** Width and height of each of a run's canvases. */
export type PanelSizes = PanelCanvases<[number, number]>;

export type CanvasName = keyof PanelCanvases;

export type PaintRequest =
  /** New panels (after a (re)configuration): the old ones are gone. */
  | { type: 'panels'; sizes: PanelSizes[]; style: PaintStyle }
  /** The target's points on an empty plane, before the first trained frame. */
  | { type: 'preview'; points: Float32Array }
  | { type: 'frame'; frame: PlaygroundFrame }
  /**
   * The reader's drawn points: drawn on the first plane now (none: the last frame is redrawn
   * without them), and in every frame when `inFrames` (the applied target is "drawn").
   */
  | { type: 'drawing'; points: Float32Array; inFrames: boolean }
  /** RGBA pixels of run `index`'s plane, after painting any frame still waiting: tests. */
  | { type: 'pixels'; id: number; index: number };

/** Which canvases a paint changed. */
export interface Changed {
  panel: number;
  canvas: CanvasName;
}

export type PaintReply =
  | { type: 'painted'; what: 'preview' | 'frame' | 'drawing'; changed: Changed[]; bitmaps?: ImageBitmap[] }
  | { type: 'pixels'; id: number; data: Uint8ClampedArray | null }
  | { type: 'failed'; message: string };

/** Canvases of one run: the plane (D's heatmap, points, arrows), D*, and the curves. */
export class PanelPainter {
  #panels: PanelCanvases[] = [];
  #style: PaintStyle = { textColour: '#111', fontFamily: 'sans-serif' };
  #drawing: Float32Array = new Float32Array();
  #drawingInFrames = false;

  setPanels(panels: PanelCanvases[], style: PaintStyle) {
    this.#panels = panels;
    this.#style = style;
  }

  get panels(): readonly PanelCanvases[] {
    return this.#panels;
  }

  setDrawing(points: Float32Array, inFrames: boolean) {
    this.#drawing = points;
    this.#drawingInFrames = inFrames;
  }

  preview(points: Float32Array) {
    for (const { plane } of this.#panels) {
      const ctx = context2d(plane);
      ctx.fillStyle = PLANE_BACKGROUND;
      ctx.fillRect(0, 0, PLANE_PX, PLANE_PX);
      drawPoints(ctx, points, COLOURS.real, PREVIEW_POINT_PX);
    }
  }

  /** Draws the reader's points on the first plane over what it shows (while they draw). */
  showDrawing() {
    const plane = this.#panels[0]?.plane;
    if (plane) drawPoints(context2d(plane), this.#drawing, COLOURS.real, 3);
  }

  paint(frame: PlaygroundFrame) {
    frame.runs.forEach((view, i) => {
      const panel = this.#panels[i];
      if (panel) this.#paintRun(panel, view, frame.real, i === 0);
    });
  }

  #paintRun(panel: PanelCanvases, view: RunView, real: Float32Array, first: boolean) {
    const ctx = context2d(panel.plane);
    drawHeat(ctx, view.heat, VIEW.heatCells);
    drawPoints(ctx, real, COLOURS.real, 2);
    drawPoints(ctx, view.samples, COLOURS.fake, 3);
    const scale = Math.max(maxLength(view.field), maxLength(view.sampleField));
    drawArrows(ctx, arrowGrid, view.field, PLANE_PX / VIEW.arrowCells - 2, scale);
    drawArrows(ctx, view.samples.subarray(0, VIEW.sampleArrows * 2), view.sampleField, 10, scale);
    if (first && this.#drawingInFrames && this.#drawing.length) drawPoints(ctx, this.#drawing, COLOURS.real, 3);
    drawHeat(context2d(panel.optimal), view.optimal, VIEW.optimalCells);
    const { textColour, fontFamily } = this.#style;
    drawCurves(context2d(panel.curves), view.losses, view.coverage, view.modes, textColour, fontFamily);
  }

  pixels(index: number): Uint8ClampedArray | null {
    const plane = this.#panels[index]?.plane;
    return plane ? context2d(plane).getImageData(0, 0, plane.width, plane.height).data : null;
  }
}

const ALL: CanvasName[] = ['plane', 'optimal', 'curves'];

/**
 * The paint loop: frames wait for `schedule` and the latest wins; a request that reads or
 * changes what is shown paints the waiting frame first, so a reply always describes every frame
 * sent before it.
 * @param canvases the canvases to paint for panels of these sizes
 * @param schedule runs a callback soon (before the next paint, or after queued messages)
 */
export function paintLoop(
  reply: (message: PaintReply) => void,
  schedule: (callback: () => void) => void,
  canvases: (sizes: PanelSizes[]) => PanelCanvases[],
) {
  const painter = new PanelPainter();
  let waiting: PlaygroundFrame | null = null;
  let last: PlaygroundFrame | null = null;
  const every = (names: CanvasName[], count = painter.panels.length) =>
    Array.from({ length: count }, (_, panel) => names.map((canvas) => ({ panel, canvas }))).flat();
  const painted = (what: 'preview' | 'frame' | 'drawing', changed: Changed[]) => reply({ type: 'painted', what, changed });
  const paintWaiting = () => {
    const frame = waiting;
    waiting = null;
    if (!frame) return;
    painter.paint(frame);
    last = frame;
    painted('frame', every(ALL, Math.min(frame.runs.length, painter.panels.length)));
  };
  const handle = (message: PaintRequest) => {
    switch (message.type) {
      case 'panels':
        waiting = null;
        last = null;
        painter.setPanels(canvases(message.sizes), message.style);
        return;
      case 'preview':
        painter.preview(message.points);
        painted('preview', every(['plane']));
        return;
      case 'frame':
        if (waiting === null) schedule(paintWaiting);
        waiting = message.frame;
        return;
      case 'drawing':
        paintWaiting();
        painter.setDrawing(message.points, message.inFrames);
        if (message.points.length > 0) {
          painter.showDrawing();
          painted('drawing', every(['plane'], Math.min(1, painter.panels.length)));
        } else if (last) {
          painter.paint(last);
          painted('drawing', every(ALL, Math.min(last.runs.length, painter.panels.length)));
        }
        return;
      case 'pixels':
        paintWaiting();
        reply({ type: 'pixels', id: message.id, data: painter.pixels(message.index) });
        return;
    }
  };
  return {
    handle(message: PaintRequest) {
      try {
        handle(message);
      } catch (error) {
        reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        // A request that waits for an answer still gets one.
        if (message.type === 'pixels') reply({ type: 'pixels', id: message.id, data: null });
      }
    },
    /** The canvases being painted (the worker copies the changed ones into ImageBitmaps). */
    get panels(): readonly PanelCanvases[] {
      return painter.panels;
    },
  };
}
