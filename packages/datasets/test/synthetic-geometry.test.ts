import { describe, expect, it } from 'vitest';
import { annotate } from '../src/synthetic/annotate.js';
import { noiseTiles } from '../src/synthetic/noise-tiles.js';
import { renderScene } from '../src/synthetic/render-scene.js';
import type { Scene, SceneShape } from '../src/synthetic/scene.js';
import { shapeArea } from '../src/synthetic/shapes.js';

const plain: Scene['background'] = { from: [0.5, 0.5, 0.5], to: [0.5, 0.5, 0.5], angle: 0, noiseShift: [0, 0] };

function disc(cx: number, cy: number, radius: number, classIndex: number): SceneShape {
  const colour: [number, number, number] = [0.9, 0.1, 0.2];
  return { shape: 'disc', texture: 'solid', param: 0, cx, cy, radius, angle: 0.3, primary: colour, secondary: colour, classIndex };
}

describe('synthetic shape geometry', () => {
  it('measures shape areas that match their closed forms', () => {
    const star = 10 * 0.5 * 1 * 0.45 * Math.sin(Math.PI / 5); // ten triangles between tips and inner vertices
    const expected: Record<string, number> = {
      disc: Math.PI,
      square: 1.6 * 1.6,
      ring: Math.PI * (1 - 0.3),
      cross: 2 * (0.6 * 2) - 0.6 * 0.6,
      hexagon: (3 * Math.sqrt(3)) / 2,
      triangle: ((3 * Math.sqrt(3)) / 4) * 1.12 * 1.12,
      bar: 2 * 0.84,
      star,
    };
    for (const [shape, area] of Object.entries(expected)) {
      expect(shapeArea(shape as 'disc'), shape).toBeCloseTo(area, 1);
      expect(Math.abs(shapeArea(shape as 'disc') / area - 1), shape).toBeLessThan(0.01);
    }
  });

  it('renders a lone disc with the area, box and colour computed by hand', () => {
    // A disc of radius 0.2 * 100 = 20 px centred at (40, 60): about pi * 400 = 1257 pixels.
    const scene: Scene = { background: plain, clutter: [], layers: [disc(0.4, 0.6, 0.2, 2)], pixelNoiseShift: 0 };
    const canvas = renderScene(scene, 100, 100, noiseTiles(0), 0);
    const [object] = annotate(canvas, scene);
    const area = object.mask!.reduce((sum, on) => sum + on, 0);
    expect(Math.abs(area - Math.PI * 400)).toBeLessThan(30);
    expect(object.box).toEqual([20, 40, 59, 79]);
    expect(object.classIndex).toBe(2);
    expect(object.difficult).toBe(false);
    const centre = 60 * 100 + 40;
    expect([canvas.image[centre], canvas.image[10000 + centre], canvas.image[20000 + centre]].map((v) => +v.toFixed(5))).toEqual([0.9, 0.1, 0.2]);
  });

  it('keeps only the visible part of an occluded object in its mask', () => {
    // Disc A (r 20 px at (40, 50)) under disc B (r 20 px at (60, 50)): A's mask = A minus B, by pixel centres.
    const scene: Scene = {
      background: plain,
      clutter: [],
      layers: [disc(0.4, 0.5, 0.2, 0), disc(0.6, 0.5, 0.2, 1)],
      pixelNoiseShift: 0,
    };
    const canvas = renderScene(scene, 100, 100, noiseTiles(0), 0);
    const [under, over] = annotate(canvas, scene);
    let mismatches = 0;
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 100; x++) {
        const inA = (x + 0.5 - 40) ** 2 + (y + 0.5 - 50) ** 2 <= 400;
        const inB = (x + 0.5 - 60) ** 2 + (y + 0.5 - 50) ** 2 <= 400;
        // Rounding at the rim may flip a pixel whose centre lies exactly on a circle.
        if (under.mask![y * 100 + x] !== (inA && !inB ? 1 : 0)) mismatches++;
        if (over.mask![y * 100 + x] !== (inB ? 1 : 0)) mismatches++;
      }
    }
    expect(mismatches).toBeLessThanOrEqual(4);
    // What remains of A is a crescent whose tips sit where the circles cross, at x = 50.
    expect(under.box[2]).toBeGreaterThanOrEqual(48);
    expect(under.box[2]).toBeLessThanOrEqual(50);
    expect(over.box).toEqual([40, 30, 79, 69]);
    // The circles overlap on a lens of about 39% of a disc (by the lens formula), so A keeps about 61%: not difficult.
    expect(under.difficult).toBe(false);
  });

  it('marks an object as difficult when most of it is hidden', () => {
    const scene: Scene = {
      background: plain,
      clutter: [],
      layers: [disc(0.45, 0.5, 0.2, 0), disc(0.55, 0.5, 0.2, 1)],
      pixelNoiseShift: 0,
    };
    const [under] = annotate(renderScene(scene, 100, 100, noiseTiles(0), 0), scene);
    expect(under.difficult).toBe(true);
  });
});
