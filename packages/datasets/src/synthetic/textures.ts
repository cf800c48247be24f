/**
 * Textures as functions of the object's local frame (u, v in radius units), returning how much of
 * the secondary colour to mix in (0 = primary, 1 = secondary). Periods are in radius units, so a
 * texture scales with its object and survives rendering at a smaller size.
 */
export type TextureName = 'solid' | 'radial' | 'checker' | 'stripes' | 'diagonal' | 'dots' | 'grid' | 'blotch';

export type Texture = (u: number, v: number) => number;

const CHECKER = 0.5;
const STRIPE = 0.42;
const DIAGONAL = 0.5;
const DOT_CELL = 0.55;
const DOT_RADIUS2 = 0.17 * 0.17;
const GRID_CELL = 0.5;
const GRID_LINE = 0.1;

/** Position of x within a cell of the given size, in [0, size). */
function wrap(x: number, size: number): number {
  const r = x % size;
  return r < 0 ? r + size : r;
}

export const TEXTURES: Record<TextureName, Texture> = {
  solid: () => 0,
  // Shading from the centre to the rim, like a lit sphere.
  radial: (u, v) => Math.min(1, u * u + v * v),
  checker: (u, v) => (Math.floor(u / CHECKER) + Math.floor(v / CHECKER)) & 1,
  stripes: (_u, v) => Math.floor(v / STRIPE) & 1,
  diagonal: (u, v) => Math.floor((u + v) / DIAGONAL) & 1,
  dots: (u, v) => {
    const du = wrap(u, DOT_CELL) - DOT_CELL / 2;
    const dv = wrap(v, DOT_CELL) - DOT_CELL / 2;
    return du * du + dv * dv <= DOT_RADIUS2 ? 1 : 0;
  },
  grid: (u, v) => (wrap(u, GRID_CELL) < GRID_LINE || wrap(v, GRID_CELL) < GRID_LINE ? 1 : 0),
  // Smooth irregular patches: a product of incommensurate waves.
  blotch: (u, v) => 0.5 + 0.5 * Math.sin(5.3 * u + 1.7) * Math.sin(4.1 * v + 0.6 * u),
};
