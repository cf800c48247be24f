/**
 * Perceptual colormaps as 256-entry RGB lookup tables, from d3-scale-chromatic: viridis (the
 * default; perceptually uniform, readable in greyscale and by colour-blind readers) and turbo
 * (Google's improved rainbow, closer to the jet maps of the papers' figures).
 */
import { rgb } from 'd3-color';
import { interpolateTurbo, interpolateViridis } from 'd3-scale-chromatic';

export const COLORMAPS = ['viridis', 'turbo'] as const;
export type ColormapName = (typeof COLORMAPS)[number];

const tables = new Map<ColormapName, Uint8Array>();

/** RGB triples for levels 0..255; level 255 is the hottest colour. */
export function colormapTable(name: ColormapName): Uint8Array {
  let table = tables.get(name);
  if (!table) {
    const interpolate = name === 'turbo' ? interpolateTurbo : interpolateViridis;
    table = new Uint8Array(256 * 3);
    for (let level = 0; level < 256; level++) {
      const colour = rgb(interpolate(level / 255));
      table.set([Math.round(colour.r), Math.round(colour.g), Math.round(colour.b)], level * 3);
    }
    tables.set(name, table);
  }
  return table;
}

/** The colour of a value in [0, 1] as [r, g, b]. */
export function colormapColour(name: ColormapName, value: number): [number, number, number] {
  const level = Math.round(Math.min(1, Math.max(0, value)) * 255);
  const table = colormapTable(name);
  return [table[level * 3], table[level * 3 + 1], table[level * 3 + 2]];
}
