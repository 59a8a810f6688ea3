/**
 * The playground's paint loop (src/islands/playground/painter.ts), on canvases that record what
 * is drawn: frames coalesce, every reply describes the frames sent before it, drawing and
 * clearing repaint what they should, and a failure becomes a reply instead of an exception.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIEW } from '../../../models/gan/toy-view.ts';
import { paintLoop, type PaintReply, type PanelSizes } from '../../../src/islands/playground/painter.ts';
import type { PlaygroundFrame } from '../../../src/islands/playground/protocol.ts';

/** A canvas whose 2-D context records the name of every call made on it. */
class RecordingCanvas {
  calls: string[] = [];
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext() {
    const calls = this.calls;
    return new Proxy(
      {},
      {
        get: (_target, name) => {
          if (name === 'canvas') return this;
          if (name === 'getImageData') return () => ({ data: Uint8ClampedArray.from([calls.length % 256]) });
          return (..._args: unknown[]) => void calls.push(String(name));
        },
        set: () => true,
      },
    );
  }
}

const sizes: PanelSizes[] = [
  { plane: [320, 320], optimal: [120, 120], curves: [220, 120] },
  { plane: [320, 320], optimal: [120, 120], curves: [220, 120] },
];

function frame(step: number, runs = 2): PlaygroundFrame {
  const view = () => ({
    step,
    samples: new Float32Array(VIEW.samples * 2),
    heat: new Float32Array(VIEW.heatCells ** 2).fill(0.5),
    optimal: new Float32Array(VIEW.optimalCells ** 2).fill(0.5),
    field: new Float32Array(VIEW.arrowCells ** 2 * 2).fill(0.1),
    sampleField: new Float32Array(VIEW.sampleArrows * 2).fill(0.1),
    covered: 3,
    modes: 8,
    highQuality: 3,
    loss: 'nonsaturating',
    lr: null,
    losses: Float32Array.from([1, 0.7, 0.7, 2, 0.6, 0.8]),
    coverage: Float32Array.from([0, 1, 2, 3]),
    diverged: false,
  });
  return {
    step,
    stepsPerSecond: 100,
    playing: true,
    snapshots: 1,
    scrubbed: null,
    real: new Float32Array(VIEW.real * 2),
    runs: Array.from({ length: runs }, view),
  };
}

function setUp() {
  const replies: PaintReply[] = [];
  const scheduled: (() => void)[] = [];
  const made: RecordingCanvas[][] = [];
  const loop = paintLoop(
    (message) => replies.push(message),
    (callback) => scheduled.push(callback),
    (panelSizes) => {
      const panels = panelSizes.map((s) => ({
        plane: new RecordingCanvas(...s.plane),
        optimal: new RecordingCanvas(...s.optimal),
        curves: new RecordingCanvas(...s.curves),
      }));
      made.push(panels.flatMap((p) => [p.plane, p.optimal, p.curves]));
      return panels as unknown as ReturnType<Parameters<typeof paintLoop>[2]>;
    },
  );
  loop.handle({ type: 'panels', sizes, style: { textColour: '#111', fontFamily: 'sans-serif' } });
  const runScheduled = () => scheduled.splice(0).forEach((callback) => callback());
  return { loop, replies, runScheduled, planes: () => made.at(-1)!.filter((_, i) => i % 3 === 0) };
}

beforeEach(() => {
  // The heatmap draws through a small scratch canvas and an ImageData (browser globals).
  vi.stubGlobal('OffscreenCanvas', RecordingCanvas);
  vi.stubGlobal(
    'ImageData',
    class {
      data: Uint8ClampedArray;
      constructor(width: number, height: number) {
        this.data = new Uint8ClampedArray(width * height * 4);
      }
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('paint loop', () => {
  it('paints only the latest of the frames that arrive before it runs, and says what changed', () => {
    const { loop, replies, runScheduled, planes } = setUp();
    loop.handle({ type: 'frame', frame: frame(1) });
    loop.handle({ type: 'frame', frame: frame(2) });
    expect(replies).toEqual([]);
    runScheduled();
    expect(replies).toHaveLength(1);
    const painted = replies[0]!;
    expect(painted.type === 'painted' && painted.what).toBe('frame');
    expect(painted.type === 'painted' && painted.changed).toHaveLength(6);
    expect(planes()[0]!.calls).toContain('drawImage'); // the heatmap, scaled up
    expect(planes()[0]!.calls).toContain('stroke'); // the gradient arrows
  });

  it('paints a waiting frame before it answers a pixel request', () => {
    const { loop, replies, planes } = setUp();
    loop.handle({ type: 'frame', frame: frame(1) });
    loop.handle({ type: 'pixels', id: 7, index: 0 });
    expect(replies.map((r) => r.type)).toEqual(['painted', 'pixels']);
    const pixels = replies[1]!;
    expect(pixels.type === 'pixels' && pixels.id).toBe(7);
    expect(pixels.type === 'pixels' && pixels.data?.[0]).toBe(planes()[0]!.calls.length % 256);
    expect(planes()[0]!.calls.length).toBeGreaterThan(0);
  });

  it('draws the reader’s points on the first plane, and a cleared drawing repaints the last frame', () => {
    const { loop, replies, runScheduled, planes } = setUp();
    loop.handle({ type: 'frame', frame: frame(1) });
    runScheduled();
    const [first, second] = planes();
    const before = { first: first!.calls.length, second: second!.calls.length };
    loop.handle({ type: 'drawing', points: Float32Array.from([0.5, 0.5, 1, 1]), inFrames: false });
    expect(first!.calls.slice(before.first)).toEqual(['beginPath', 'rect', 'rect', 'fill']);
    expect(second!.calls.length).toBe(before.second);
    loop.handle({ type: 'drawing', points: new Float32Array(), inFrames: false });
    expect(second!.calls.length).toBeGreaterThan(before.second); // the whole frame again
    expect(replies.map((r) => r.type === 'painted' && r.what)).toEqual(['frame', 'drawing', 'drawing']);
  });

  it('drops a waiting frame when the panels change', () => {
    const { loop, replies, runScheduled } = setUp();
    loop.handle({ type: 'frame', frame: frame(1) });
    loop.handle({ type: 'panels', sizes: sizes.slice(0, 1), style: { textColour: '#111', fontFamily: 'sans-serif' } });
    runScheduled();
    expect(replies).toEqual([]);
  });

  it('turns a failure into a reply, not an exception, and still answers a request', () => {
    const { loop, replies } = setUp();
    vi.stubGlobal('ImageData', undefined);
    loop.handle({ type: 'frame', frame: frame(1) });
    expect(() => loop.handle({ type: 'pixels', id: 1, index: 0 })).not.toThrow();
    expect(replies.map((r) => r.type)).toEqual(['failed', 'pixels']);
    expect(replies[1]).toEqual({ type: 'pixels', id: 1, data: null });
  });
});
