/**
 * Renders a scene at a given size: a gradient background with value noise, clutter, then the
 * objects and distractors in paint order, then a little per-pixel noise. Only the per-pixel noise
 * depends on the resolution; everything else is a scaled copy of the same scene.
 */
import { createCanvas, paintShape, type Canvas } from './canvas.js';
import { sampleNoiseRow, valueNoiseRow, type NoiseTiles } from './noise-tiles.js';
import type { Scene } from './scene.js';

const COARSE_FREQUENCY = 3.5;
const FINE_FREQUENCY = 11;
const BACKGROUND_NOISE = 0.28;

function paintBackground(canvas: Canvas, scene: Scene, tiles: NoiseTiles): void {
  const { width, height, image } = canvas;
  const plane = width * height;
  const { from, to, angle, noiseShift } = scene.background;
  const short = Math.min(width, height);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Whole periods keep the noise coordinates positive; the shifts move each image's noise.
  const reach = (Math.max(width, height) / short) * FINE_FREQUENCY;
  const periods = Math.ceil(reach / tiles.valueSize + 1) * tiles.valueSize;
  const shiftX = periods + noiseShift[0] * tiles.valueSize;
  const shiftY = periods + noiseShift[1] * tiles.valueSize;
  const mask = tiles.valueSize - 1;
  const coarseRow = new Float32Array(tiles.valueSize + 1);
  const fineRow = new Float32Array(tiles.valueSize + 1);
  for (let y = 0; y < height; y++) {
    const ry = (y + 0.5 - height / 2) / short;
    valueNoiseRow(tiles, ry * COARSE_FREQUENCY + shiftY, coarseRow);
    valueNoiseRow(tiles, ry * FINE_FREQUENCY + shiftX, fineRow);
    for (let x = 0; x < width; x++) {
      const rx = (x + 0.5 - width / 2) / short;
      const t = Math.min(1, Math.max(0, 0.5 + rx * cos + ry * sin));
      const noise =
        0.65 * sampleNoiseRow(coarseRow, mask, rx * COARSE_FREQUENCY + shiftX) +
        0.35 * sampleNoiseRow(fineRow, mask, rx * FINE_FREQUENCY + shiftY);
      const offset = (noise - 0.5) * BACKGROUND_NOISE;
      const i = y * width + x;
      image[i] = from[0] + (to[0] - from[0]) * t + offset;
      image[plane + i] = from[1] + (to[1] - from[1]) * t + offset;
      image[2 * plane + i] = from[2] + (to[2] - from[2]) * t + offset;
    }
  }
}

/** Adds per-pixel noise read from the periodic tile, then clamps every value into [0, 1]. */
function addPixelNoise(canvas: Canvas, scene: Scene, tiles: NoiseTiles, amplitude: number): void {
  const { width, height, image } = canvas;
  const plane = width * height;
  const n = tiles.pixelSize;
  const shift = Math.floor(scene.pixelNoiseShift * n * n);
  for (let c = 0; c < 3; c++) {
    const base = c * plane;
    for (let y = 0; y < height; y++) {
      const tileRow = ((y + c * 89 + Math.floor(shift / n)) % n) * n;
      let column = shift % n;
      for (let x = 0; x < width; x++) {
        const i = base + y * width + x;
        const value = image[i] + amplitude * tiles.pixel[tileRow + column];
        image[i] = value < 0 ? 0 : value > 1 ? 1 : value;
        if (++column === n) column = 0;
      }
    }
  }
}

/** Renders the scene; the canvas owner map holds, per pixel, the index of the visible object. */
export function renderScene(scene: Scene, width: number, height: number, tiles: NoiseTiles, noise: number): Canvas {
  const canvas = createCanvas(width, height);
  paintBackground(canvas, scene, tiles);
  for (const shape of scene.clutter) paintShape(canvas, shape, -1);
  let objectIndex = 0;
  for (const shape of scene.layers) paintShape(canvas, shape, shape.classIndex >= 0 ? objectIndex++ : -1);
  addPixelNoise(canvas, scene, tiles, noise);
  return canvas;
}
