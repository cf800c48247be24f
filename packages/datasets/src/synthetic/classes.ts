/**
 * The synthetic classes: each is one shape with one texture, so a small CNN can separate them at
 * 64-128 px. Colours are drawn from one palette shared by every class, and distractors reuse the
 * class textures, so neither colour nor texture alone names the class.
 */
import type { ShapeName } from './shapes.js';
import type { TextureName } from './textures.js';

export interface SyntheticClass {
  name: string;
  shape: ShapeName;
  texture: TextureName;
}

export const SYNTHETIC_CLASS_DEFINITIONS: readonly SyntheticClass[] = [
  { name: 'disc', shape: 'disc', texture: 'radial' },
  { name: 'square', shape: 'square', texture: 'checker' },
  { name: 'triangle', shape: 'triangle', texture: 'stripes' },
  { name: 'ring', shape: 'ring', texture: 'solid' },
  { name: 'cross', shape: 'cross', texture: 'solid' },
  { name: 'star', shape: 'star', texture: 'solid' },
  { name: 'bar', shape: 'bar', texture: 'diagonal' },
  { name: 'hexagon', shape: 'hexagon', texture: 'dots' },
];

export const SYNTHETIC_CLASSES: readonly string[] = SYNTHETIC_CLASS_DEFINITIONS.map((c) => c.name);

/** Shapes that belong to no class, drawn as distractors. */
export const DISTRACTOR_SHAPES: readonly ShapeName[] = ['ellipse', 'crescent', 'corner'];

/** Textures a distractor may wear: the class textures too, so texture is not a give-away. */
export const DISTRACTOR_TEXTURES: readonly TextureName[] = [
  'solid',
  'blotch',
  'grid',
  'checker',
  'stripes',
  'diagonal',
  'dots',
  'radial',
];
