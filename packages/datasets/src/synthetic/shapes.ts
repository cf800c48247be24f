/**
 * Shapes as inside tests in the object's local frame: (u, v) are pixel offsets from the object's
 * centre divided by its radius and rotated by its angle, so a shape is the same at any image size.
 * Every shape fits inside the square [-extent, extent]^2, which bounds the pixels we visit.
 */
export type ShapeName =
  | 'disc'
  | 'square'
  | 'triangle'
  | 'ring'
  | 'cross'
  | 'star'
  | 'bar'
  | 'hexagon'
  | 'ellipse'
  | 'crescent'
  | 'corner'
  | 'capsule';

export interface ShapeDefinition {
  /** True when the local point (u, v) lies inside; `param` tunes some shapes (capsule thickness). */
  inside(u: number, v: number, param: number): boolean;
  /** Half side of a square around the centre that contains the whole shape, in radius units. */
  extent: number;
}

const SQRT3 = Math.sqrt(3);
const STAR_POINTS = 5;
const STAR_SECTOR = (2 * Math.PI) / STAR_POINTS;
const STAR_INNER = 0.45;
// The star's edge runs from its tip (1, 0) to the inner vertex at half a sector.
const STAR_EDGE_X = STAR_INNER * Math.cos(STAR_SECTOR / 2) - 1;
const STAR_EDGE_Y = STAR_INNER * Math.sin(STAR_SECTOR / 2);

function insideStar(u: number, v: number): boolean {
  const r = Math.hypot(u, v);
  if (r > 1) return false;
  if (r <= STAR_INNER * Math.cos(STAR_SECTOR / 2)) return true;
  // Fold the angle into one half sector around a tip pointing along -v (up in the image).
  let a = Math.atan2(u, -v) % STAR_SECTOR;
  if (a < 0) a += STAR_SECTOR;
  a = Math.abs(a - STAR_SECTOR / 2);
  a = STAR_SECTOR / 2 - a;
  const x = r * Math.cos(a) - 1;
  const y = r * Math.sin(a);
  // Inside when the point lies on the centre's side of the tip-to-inner-vertex line.
  return STAR_EDGE_X * y - STAR_EDGE_Y * x >= 0;
}

export const SHAPES: Record<ShapeName, ShapeDefinition> = {
  disc: { extent: 1, inside: (u, v) => u * u + v * v <= 1 },
  square: { extent: 0.82, inside: (u, v) => Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8 },
  triangle: {
    // Equilateral, apex up, circumradius 1.12 so its area is close to the others'.
    extent: 1.12,
    inside: (u, v) => {
      const x = u / 1.12;
      const y = v / 1.12;
      return y <= 0.5 && SQRT3 * x - y <= 1 && -SQRT3 * x - y <= 1;
    },
  },
  ring: {
    extent: 1,
    inside: (u, v) => {
      const r2 = u * u + v * v;
      return r2 <= 1 && r2 >= 0.3;
    },
  },
  cross: {
    extent: 1,
    inside: (u, v) => {
      const au = Math.abs(u);
      const av = Math.abs(v);
      return (au <= 0.3 && av <= 1) || (av <= 0.3 && au <= 1);
    },
  },
  star: { extent: 1, inside: insideStar },
  bar: { extent: 1, inside: (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 0.42 },
  hexagon: {
    extent: 1,
    inside: (u, v) => {
      const au = Math.abs(u);
      const av = Math.abs(v);
      return av <= SQRT3 / 2 && SQRT3 * au + av <= SQRT3;
    },
  },
  ellipse: { extent: 1, inside: (u, v) => u * u + (v * v) / 0.4 <= 1 },
  crescent: {
    extent: 1,
    inside: (u, v) => u * u + v * v <= 1 && (u - 0.5) * (u - 0.5) + v * v > 0.64,
  },
  corner: {
    // Arms half as thick as a bar, so a striped arm does not pass for one.
    extent: 1,
    inside: (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 1 && (u <= -0.6 || v >= 0.6),
  },
  capsule: {
    // A thick line segment along u; param is its half thickness in radius units.
    extent: 1.1,
    inside: (u, v, param) => {
      const du = Math.abs(u) > 1 ? Math.abs(u) - 1 : 0;
      return du * du + v * v <= param * param;
    },
  },
};

const areaCache = new Map<string, number>();

/** Area of a shape in squared radius units, measured once on a fine grid (used for occlusion). */
export function shapeArea(shape: ShapeName, param = 0): number {
  const key = `${shape}:${param}`;
  const cached = areaCache.get(key);
  if (cached !== undefined) return cached;
  const { inside, extent } = SHAPES[shape];
  const steps = 400;
  const cell = (2 * extent) / steps;
  let count = 0;
  for (let j = 0; j < steps; j++) {
    const v = -extent + (j + 0.5) * cell;
    for (let i = 0; i < steps; i++) if (inside(-extent + (i + 0.5) * cell, v, param)) count++;
  }
  const area = count * cell * cell;
  areaCache.set(key, area);
  return area;
}
