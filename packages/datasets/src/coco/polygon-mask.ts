/**
 * COCO polygons to a pixel mask. COCO coordinates are continuous, with pixel (i, j) covering
 * [i, i+1) x [j, j+1); a pixel belongs to the object when its centre (i + 0.5, j + 0.5) lies inside
 * a polygon (even-odd rule), the sampling the COCO API uses (pycocotools rleFrPoly samples pixel
 * centres on a 5x finer grid; here the exact polygon is used). Several polygons of one object are
 * united.
 */
export function polygonsToMask(polygons: readonly ArrayLike<number>[], height: number, width: number): Uint8Array {
  const mask = new Uint8Array(height * width);
  for (const polygon of polygons) fillPolygon(mask, polygon, height, width);
  return mask;
}

/** Scanline fill: for each row centre, the crossings of the polygon's edges, filled pairwise. */
function fillPolygon(mask: Uint8Array, xy: ArrayLike<number>, height: number, width: number): void {
  const n = Math.floor(xy.length / 2);
  if (n < 3) return;
  let top = Infinity;
  let bottom = -Infinity;
  for (let i = 0; i < n; i++) {
    top = Math.min(top, xy[2 * i + 1]);
    bottom = Math.max(bottom, xy[2 * i + 1]);
  }
  const crossings: number[] = [];
  for (let row = Math.max(0, Math.ceil(top - 0.5)); row <= Math.min(height - 1, Math.floor(bottom - 0.5)); row++) {
    const y = row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const x0 = xy[2 * i];
      const y0 = xy[2 * i + 1];
      const x1 = xy[(2 * i + 2) % (2 * n)];
      const y1 = xy[(2 * i + 3) % (2 * n)];
      // Half-open in y, so a vertex on the scanline counts once.
      if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) crossings.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
    crossings.sort((a, b) => a - b);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      // Pixel columns whose centre i + 0.5 lies in [left, right); the pairs are disjoint, polygons united.
      const first = Math.max(0, Math.ceil(crossings[c] - 0.5));
      const last = Math.min(width - 1, Math.ceil(crossings[c + 1] - 0.5) - 1);
      const offset = row * width;
      mask.fill(1, offset + first, offset + last + 1);
    }
  }
}
