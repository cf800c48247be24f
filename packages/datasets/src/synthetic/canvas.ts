/**
 * A CHW float image plus an owner map that records which annotated object is visible at each
 * pixel (-1: background, clutter or a distractor). Painting later shapes over earlier ones keeps
 * the owner map equal to the visible masks, occlusion included.
 */
import type { SceneShape } from './scene.js';
import { SHAPES } from './shapes.js';
import { TEXTURES } from './textures.js';

export interface Canvas {
  width: number;
  height: number;
  image: Float32Array;
  owner: Int16Array;
}

export function createCanvas(width: number, height: number): Canvas {
  return {
    width,
    height,
    image: new Float32Array(3 * width * height),
    owner: new Int16Array(width * height).fill(-1),
  };
}

/** Paints one shape, visiting only its bounding square; `owner` is its object index or -1. */
export function paintShape(canvas: Canvas, shape: SceneShape, owner: number): void {
  const { width, height, image } = canvas;
  const plane = width * height;
  const radius = shape.radius * Math.min(width, height);
  if (radius <= 0) return;
  const cx = shape.cx * width;
  const cy = shape.cy * height;
  const { inside, extent } = SHAPES[shape.shape];
  const texture = TEXTURES[shape.texture];
  const reach = radius * extent * Math.SQRT2 + 1;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(width - 1, Math.ceil(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach));
  const y1 = Math.min(height - 1, Math.ceil(cy + reach));
  const cos = Math.cos(shape.angle) / radius;
  const sin = Math.sin(shape.angle) / radius;
  const [r0, g0, b0] = shape.primary;
  const [r1, g1, b1] = shape.secondary;
  const { param } = shape;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    const row = y * width;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      // Rotate into the shape's frame, in radius units.
      const u = dx * cos + dy * sin;
      const v = dy * cos - dx * sin;
      if (!inside(u, v, param)) continue;
      const t = texture(u, v);
      const i = row + x;
      image[i] = r0 + (r1 - r0) * t;
      image[plane + i] = g0 + (g1 - g0) * t;
      image[2 * plane + i] = b0 + (b1 - b0) * t;
      canvas.owner[i] = owner;
    }
  }
}
