/**
 * Ground truth from the rendered owner map: per object its visible mask, the tight box of that
 * mask, and the difficult flag. Objects hidden completely are dropped (nothing of them is visible).
 */
import type { SampleObject } from '@saliency-bench/core';
import type { Canvas } from './canvas.js';
import type { Scene } from './scene.js';
import { shapeArea } from './shapes.js';

/** Difficult when the visible part covers less than this fraction of the image... */
export const DIFFICULT_MIN_AREA_FRACTION = 0.01;
/** ...or when less than this fraction of the whole shape is visible (occlusion or image border). */
export const DIFFICULT_MIN_VISIBLE_FRACTION = 0.5;

export function annotate(canvas: Canvas, scene: Scene): SampleObject[] {
  const { width, height, owner } = canvas;
  const objects = scene.layers.filter((shape) => shape.classIndex >= 0);
  const n = objects.length;
  const counts = new Int32Array(n);
  const x0 = new Int32Array(n).fill(width);
  const y0 = new Int32Array(n).fill(height);
  const x1 = new Int32Array(n).fill(-1);
  const y1 = new Int32Array(n).fill(-1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const k = owner[row + x];
      if (k < 0) continue;
      counts[k]++;
      if (x < x0[k]) x0[k] = x;
      if (x > x1[k]) x1[k] = x;
      if (y < y0[k]) y0[k] = y;
      if (y > y1[k]) y1[k] = y;
    }
  }
  const short = Math.min(width, height);
  const result: SampleObject[] = [];
  for (let k = 0; k < n; k++) {
    if (counts[k] === 0) continue;
    const mask = new Uint8Array(width * height);
    for (let y = y0[k]; y <= y1[k]; y++) {
      const row = y * width;
      for (let x = x0[k]; x <= x1[k]; x++) if (owner[row + x] === k) mask[row + x] = 1;
    }
    const shape = objects[k];
    const fullArea = shapeArea(shape.shape, shape.param) * (shape.radius * short) ** 2;
    const visibleFraction = counts[k] / fullArea;
    const difficult =
      counts[k] < DIFFICULT_MIN_AREA_FRACTION * width * height || visibleFraction < DIFFICULT_MIN_VISIBLE_FRACTION;
    result.push({ classIndex: shape.classIndex, box: [x0[k], y0[k], x1[k], y1[k]], difficult, mask });
  }
  return result;
}
