/** The playground's first picture, rendered into the HTML at build (src/islands/playground/preview.ts). */
import { describe, expect, it } from 'vitest';
import { VIEW } from '../../../models/gan/toy-data.ts';
import { presetConfig } from '../../../models/gan/toy-presets.ts';
import { PLANE_PX, planePixel } from '../../../src/islands/playground/draw.ts';
import { previewDataUrl, previewPoints } from '../../../src/islands/playground/preview.ts';

describe('playground preview', () => {
  it("draws every real point of the preset's seeded sample where the canvas would", () => {
    const { config } = presetConfig('ring-converge');
    const url = previewDataUrl(config);
    expect(url.startsWith('data:image/svg+xml,%3Csvg')).toBe(true);
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
    const squares = [...svg.matchAll(/M(-?[\d.]+) (-?[\d.]+)h2v2h-2z/g)];
    expect(squares).toHaveLength(VIEW.real);
    const points = previewPoints(config);
    const [x, y] = planePixel(points[0]!, points[1]!, PLANE_PX, PLANE_PX);
    expect(Number(squares[0]![1])).toBeCloseTo(x - 1, 1);
    expect(Number(squares[0]![2])).toBeCloseTo(y - 1, 1);
    // No raw characters that would end the data URL or the attribute.
    expect(url).not.toMatch(/[#<>"]/);
  });

  it('follows the configuration: another target or seed, another picture', () => {
    const { config } = presetConfig('ring-converge');
    expect(previewDataUrl({ ...config, target: 'grid' })).not.toBe(previewDataUrl(config));
    expect(previewDataUrl({ ...config, seed: 2 })).not.toBe(previewDataUrl(config));
  });
});
