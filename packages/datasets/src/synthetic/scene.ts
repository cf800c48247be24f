/**
 * The layout of one image, in relative coordinates only (centres as fractions of width and
 * height, radii as fractions of the shorter side), so one scene renders the same at any size.
 */
import type { Random } from '@saliency-bench/core';
import { DISTRACTOR_SHAPES, DISTRACTOR_TEXTURES, SYNTHETIC_CLASS_DEFINITIONS } from './classes.js';
import { mutedColour, objectColours, type Rgb } from './colour.js';
import type { ShapeName } from './shapes.js';
import type { TextureName } from './textures.js';

export interface SceneShape {
  shape: ShapeName;
  texture: TextureName;
  /** Shape parameter (capsule half thickness in radius units); 0 where unused. */
  param: number;
  cx: number;
  cy: number;
  radius: number;
  angle: number;
  primary: Rgb;
  secondary: Rgb;
  /** Class of an annotated object; -1 for distractors and clutter. */
  classIndex: number;
}

export interface Scene {
  background: { from: Rgb; to: Rgb; angle: number; noiseShift: [number, number] };
  /** Small blobs and lines behind everything else. */
  clutter: SceneShape[];
  /** Objects and distractors in paint order: later layers occlude earlier ones. */
  layers: SceneShape[];
  pixelNoiseShift: number;
}

export interface SceneOptions {
  /** width / height of the image the scene is meant for. */
  aspect: number;
  minObjects: number;
  maxObjects: number;
  distractors: number;
  clutter: number;
}

const PLACEMENT_TRIES = 50;

function between(random: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * random.uniform();
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random.uniform() * items.length)];
}

/**
 * Far enough apart that at least about half of either shape stays visible whichever is on top:
 * the centres keep 0.6 of the summed radii apart and neither centre lies in the other's circle.
 */
function farEnough(a: SceneShape, b: SceneShape, options: SceneOptions): boolean {
  const sx = Math.max(1, options.aspect);
  const sy = Math.max(1, 1 / options.aspect);
  const distance = Math.hypot((a.cx - b.cx) * sx, (a.cy - b.cy) * sy);
  return distance >= Math.max(0.6 * (a.radius + b.radius), a.radius, b.radius);
}

function place(random: Random, shape: SceneShape, others: SceneShape[], options: SceneOptions, margin: number): boolean {
  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    shape.cx = between(random, margin, 1 - margin);
    shape.cy = between(random, margin, 1 - margin);
    if (others.every((other) => farEnough(shape, other, options))) return true;
  }
  return false;
}

function objectShape(random: Random): SceneShape {
  const classIndex = Math.floor(random.uniform() * SYNTHETIC_CLASS_DEFINITIONS.length);
  const { shape, texture } = SYNTHETIC_CLASS_DEFINITIONS[classIndex];
  // Mostly medium to large objects; one in ten is small (and may end up difficult).
  const radius = random.uniform() < 0.1 ? between(random, 0.06, 0.09) : between(random, 0.09, 0.2);
  const angle = between(random, 0, 2 * Math.PI);
  return { shape, texture, param: 0, cx: 0.5, cy: 0.5, radius, angle, ...objectColours(random), classIndex };
}

function distractorShape(random: Random): SceneShape {
  const shape = pick(random, DISTRACTOR_SHAPES);
  const texture = pick(random, DISTRACTOR_TEXTURES);
  const radius = between(random, 0.07, 0.16);
  const angle = between(random, 0, 2 * Math.PI);
  return { shape, texture, param: 0, cx: 0.5, cy: 0.5, radius, angle, ...objectColours(random), classIndex: -1 };
}

function clutterShape(random: Random, line: boolean): SceneShape {
  const colour = mutedColour(random);
  const base = {
    texture: 'solid' as const,
    cx: random.uniform(),
    cy: random.uniform(),
    angle: between(random, 0, 2 * Math.PI),
    primary: colour,
    secondary: colour,
    classIndex: -1,
  };
  if (line) {
    const radius = between(random, 0.05, 0.2);
    return { ...base, shape: 'capsule', radius, param: between(random, 0.006, 0.012) / radius };
  }
  return { ...base, shape: random.uniform() < 0.5 ? 'disc' : 'ellipse', radius: between(random, 0.008, 0.03), param: 0 };
}

export function sampleScene(random: Random, options: SceneOptions): Scene {
  const background = {
    from: mutedColour(random),
    to: mutedColour(random),
    angle: between(random, 0, 2 * Math.PI),
    noiseShift: [random.uniform(), random.uniform()] as [number, number],
  };
  const clutter: SceneShape[] = [];
  const blobs = Math.round(options.clutter * between(random, 8, 20));
  const lines = Math.round(options.clutter * between(random, 2, 7));
  for (let i = 0; i < blobs + lines; i++) clutter.push(clutterShape(random, i >= blobs));

  const span = options.maxObjects - options.minObjects + 1;
  const wanted = options.minObjects + Math.floor(random.uniform() * span);
  const objects: SceneShape[] = [];
  for (let i = 0; i < wanted; i++) {
    const object = objectShape(random);
    // Centres anywhere in the image, so a centred guess rarely lands on the object.
    if (place(random, object, objects, options, 0.08) || objects.length === 0) objects.push(object);
  }
  const layers = [...objects];
  const count = Math.floor(random.uniform() * (options.distractors + 1));
  for (let i = 0; i < count; i++) {
    const distractor = distractorShape(random);
    if (place(random, distractor, objects, options, 0.05)) layers.push(distractor);
  }
  // Shuffle the paint order so that objects and distractors occlude each other at random.
  for (let i = layers.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [layers[i], layers[j]] = [layers[j], layers[i]];
  }
  return { background, clutter, layers, pixelNoiseShift: random.uniform() };
}
