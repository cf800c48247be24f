import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colormapColour } from '../src/report/colormap.js';
import { encodePng } from '../src/report/encode-image.js';
import { renderOverlay } from '../src/report/overlay.js';

const WIDTH = 40;
const HEIGHT = 30;
const PEAK = { x: 29, y: 8 };

/** Renders, writes and decodes a PNG, so the assertions are on the pixels of a real file. */
async function writtenPixels(options: Partial<Parameters<typeof renderOverlay>[0]>): Promise<Buffer> {
  const image = new Float32Array(3 * WIDTH * HEIGHT).fill(0.5);
  const map = new Float32Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) map[y * WIDTH + x] = Math.exp(-((x - PEAK.x) ** 2 + (y - PEAK.y) ** 2) / (2 * 3 ** 2));
  }
  const rgb = renderOverlay({
    image, imageWidth: WIDTH, imageHeight: HEIGHT, map: { values: map, width: WIDTH, height: HEIGHT },
    objects: [], width: WIDTH, height: HEIGHT, colormap: 'viridis', opacity: 0.6, ...options,
  });
  const path = join(await mkdtemp(join(tmpdir(), 'overlay-')), 'overlay.png');
  await writeFile(path, await encodePng(rgb, WIDTH, HEIGHT));
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([WIDTH, HEIGHT, 3]);
  return data;
}

const pixel = (data: Buffer, x: number, y: number) => [...data.subarray((y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3)];

function nearestPixel(data: Buffer, colour: number[]): { x: number; y: number } {
  let best = { x: -1, y: -1, distance: Infinity };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const distance = pixel(data, x, y).reduce((sum, v, c) => sum + (v - colour[c]) ** 2, 0);
      if (distance < best.distance) best = { x, y, distance };
    }
  }
  return best;
}

describe('colormaps', () => {
  it("match viridis' published end colours (#440154 and #fde725)", () => {
    expect(colormapColour('viridis', 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colormapColour('viridis', 1)).toEqual([0xfd, 0xe7, 0x25]);
  });

  it('run turbo from dark blue-black to dark red', () => {
    const [r0, g0, b0] = colormapColour('turbo', 0);
    const [r1, g1, b1] = colormapColour('turbo', 1);
    expect(Math.max(r0, g0, b0)).toBeLessThan(80);
    expect(r1).toBeGreaterThan(100);
    expect(Math.max(g1, b1)).toBeLessThan(30);
  });
});

describe('map overlays written as PNG', () => {
  for (const colormap of ['viridis', 'turbo'] as const) {
    it(`puts ${colormap}'s hottest colour, blended over the image, exactly at the map's maximum`, async () => {
      const data = await writtenPixels({ colormap });
      const hottest = colormapColour(colormap, 1).map((v) => Math.round(0.4 * 128 + 0.6 * v));
      for (const [c, v] of pixel(data, PEAK.x, PEAK.y).entries()) expect(Math.abs(v - hottest[c])).toBeLessThanOrEqual(1);
      expect(nearestPixel(data, hottest)).toMatchObject(PEAK);
      // The far corner holds the coldest colour.
      const coldest = colormapColour(colormap, 0).map((v) => Math.round(0.4 * 128 + 0.6 * v));
      for (const [c, v] of pixel(data, 0, HEIGHT - 1).entries()) expect(Math.abs(v - coldest[c])).toBeLessThanOrEqual(1);
    });
  }

  it('draws a ground-truth box as a light frame on a dark outline, around the inclusive box', async () => {
    const data = await writtenPixels({ objects: [{ classIndex: 0, box: [5, 6, 14, 12], difficult: false }] });
    expect(pixel(data, 5, 6)).toEqual([255, 255, 255]);
    expect(pixel(data, 14, 12)).toEqual([255, 255, 255]);
    expect(pixel(data, 4, 5)).toEqual([0, 0, 0]);
    expect(pixel(data, 15, 13)).toEqual([0, 0, 0]);
    // Inside the box the blended map is untouched.
    expect(pixel(data, 9, 9)).not.toEqual([255, 255, 255]);
  });

  it('leaves the image itself when opacity is 0', async () => {
    const data = await writtenPixels({ opacity: 0 });
    expect(pixel(data, PEAK.x, PEAK.y)).toEqual([128, 128, 128]);
  });
});
