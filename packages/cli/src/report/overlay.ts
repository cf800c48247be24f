/**
 * A saliency map drawn over its image, as the papers' figures show it: the map resized to the
 * picture, scaled to [0, 1] by its own minimum and maximum, coloured by a perceptual colormap and
 * blended over the image; the target class's ground-truth boxes drawn on top.
 */
import { resizeBilinear, resizeMap, type SampleObject } from '@saliency-bench/core';
import { colormapTable, type ColormapName } from './colormap.js';

export interface OverlayInput {
  /** CHW, 3 channels, values in [0, 1]. */
  image: Float32Array;
  imageWidth: number;
  imageHeight: number;
  /** Absent: the image alone (with its boxes). */
  map?: { values: Float32Array; width: number; height: number };
  /** Boxes in image pixels; difficult ones are drawn in another colour. */
  objects: readonly SampleObject[];
  /** Size of the picture to draw. */
  width: number;
  height: number;
  colormap: ColormapName;
  /** Weight of the map's colour over the image (0: image only, 1: map only). */
  opacity: number;
}

const BOX_COLOUR = [255, 255, 255];
const DIFFICULT_COLOUR = [255, 80, 80];
const OUTLINE_COLOUR = [0, 0, 0];

/** RGB bytes, row-major, width x height x 3. */
export function renderOverlay(input: OverlayInput): Uint8Array {
  const { width, height } = input;
  const plane = width * height;
  const picture = resizeBilinear(input.image, 3, input.imageHeight, input.imageWidth, height, width);
  const out = new Uint8Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[i * 3 + c] = toByte(picture[c * plane + i]);
  }
  if (input.map) blendMap(out, input.map, input);
  const sx = width / input.imageWidth;
  const sy = height / input.imageHeight;
  for (const object of input.objects) {
    const [x0, y0, x1, y1] = object.box;
    // Boxes are inclusive pixel coordinates: the right edge is at x1 + 1.
    const box = [Math.round(x0 * sx), Math.round(y0 * sy), Math.round((x1 + 1) * sx) - 1, Math.round((y1 + 1) * sy) - 1] as const;
    // A dark outline under a light frame keeps the box visible on any colour.
    strokeRect(out, width, height, box, 2, OUTLINE_COLOUR);
    strokeRect(out, width, height, box, 1, object.difficult ? DIFFICULT_COLOUR : BOX_COLOUR);
  }
  return out;
}

function blendMap(out: Uint8Array, map: NonNullable<OverlayInput['map']>, input: OverlayInput): void {
  const { width, height, opacity } = input;
  const resized = map.width === width && map.height === height ? map.values : resizeMap(map.values, map.height, map.width, height, width);
  let min = Infinity;
  let max = -Infinity;
  for (const value of resized) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // A constant map has no hottest place: it is drawn at the bottom of the scale.
  const range = max > min ? max - min : 1;
  const table = colormapTable(input.colormap);
  for (let i = 0; i < resized.length; i++) {
    const level = Math.round(((resized[i] - min) / range) * 255);
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round((1 - opacity) * out[i * 3 + c] + opacity * table[level * 3 + c]);
  }
}

/** A rectangle outline `thickness` pixels wide around the inclusive box, clipped to the picture. */
function strokeRect(out: Uint8Array, width: number, height: number, box: readonly [number, number, number, number], thickness: number, colour: number[]): void {
  const [x0, y0, x1, y1] = box;
  const paint = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    out.set(colour, (y * width + x) * 3);
  };
  for (let t = 0; t < thickness; t++) {
    for (let x = x0 - t; x <= x1 + t; x++) {
      paint(x, y0 - t);
      paint(x, y1 + t);
    }
    for (let y = y0 - t; y <= y1 + t; y++) {
      paint(x0 - t, y);
      paint(x1 + t, y);
    }
  }
}

function toByte(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 255);
}

/** The picture size that fits `side` on the longer edge, keeping the image's aspect ratio. */
export function fitSize(imageWidth: number, imageHeight: number, side: number): { width: number; height: number } {
  const scale = side / Math.max(imageWidth, imageHeight);
  return { width: Math.max(1, Math.round(imageWidth * scale)), height: Math.max(1, Math.round(imageHeight * scale)) };
}
