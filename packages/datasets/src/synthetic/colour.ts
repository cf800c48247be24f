/** Colours as RGB triples in [0, 1], drawn from HSV ranges so every class shares one palette. */
import type { Random } from '@saliency-bench/core';

export type Rgb = [r: number, g: number, b: number];

export function hsvToRgb(h: number, s: number, v: number): Rgb {
  const hue = ((h % 1) + 1) % 1;
  const sector = Math.floor(hue * 6);
  const f = hue * 6 - sector;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (sector % 6) {
    case 0:
      return [v, t, p];
    case 1:
      return [q, v, p];
    case 2:
      return [p, v, t];
    case 3:
      return [p, q, v];
    case 4:
      return [t, p, v];
    default:
      return [v, p, q];
  }
}

function between(random: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * random.uniform();
}

/** A saturated primary colour and a darker secondary of a nearby hue, for objects and distractors. */
export function objectColours(random: Random): { primary: Rgb; secondary: Rgb } {
  const hue = random.uniform();
  const saturation = between(random, 0.5, 1);
  const value = between(random, 0.6, 1);
  const primary = hsvToRgb(hue, saturation, value);
  const secondary = hsvToRgb(hue + between(random, -0.12, 0.12), saturation, value * between(random, 0.2, 0.45));
  return { primary, secondary };
}

/** A muted colour for the background gradient and clutter. */
export function mutedColour(random: Random): Rgb {
  return hsvToRgb(random.uniform(), between(random, 0, 0.4), between(random, 0.25, 0.8));
}
