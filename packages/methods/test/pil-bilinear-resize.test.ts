import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resizeBilinear } from '@saliency-bench/core';
import { decodeImage } from '@saliency-bench/datasets';
import { describe, expect, it } from 'vitest';
import { pilResizePlane, resizePilBilinear } from '../src/common/pil-bilinear-resize.js';

/** Values Pillow produced (fixtures/make-pil-resize-fixture.py, Pillow 9.4.0). */
interface FixtureCase {
  /** A photo, relative to the fixture file (decoded here by the datasets package, i.e. sharp). */
  file?: string;
  source: [w: number, h: number];
  output: [w: number, h: number];
  chw?: number[];
  sha256?: string;
  samples?: Record<string, number>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pil-resize-fixture.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

/** The fixture script's image: channel c at (x, y) is ((x*73 + y*151 + c*29) ^ (x*y)) & 255, as [0, 1] CHW. */
function pattern(w: number, h: number): Float32Array {
  const out = new Float32Array(3 * h * w);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[c * h * w + y * w + x] = (((x * 73 + y * 151 + c * 29) ^ (x * y)) & 255) / 255;
  }
  return out;
}

const levels = (values: Float32Array) => Array.from(values, (v) => Math.round(v * 255));

describe("PIL's bilinear resize (torchvision Resize on a PIL image)", () => {
  it('averages every source pixel when halving a row: weights 3/7, 3/7, 1/7 by hand', () => {
    // 4 -> 2: support 2 around centre 1.0 reads pixels 0..2 with triangle weights 0.75, 0.75, 0.25.
    const row = Uint8Array.from([0, 100, 200, 255]);
    const out = pilResizePlane(row, 1, 4, 1, 2);
    expect(out[0]).toBe(Math.round((0 * 3 + 100 * 3 + 200 * 1) / 7)); // 71.4 -> 71
    // centre 3.0 reads pixels 1..3 (pixel 4 is outside): 0.25, 0.75, 0.75.
    expect(out[1]).toBe(Math.round((100 * 1 + 200 * 3 + 255 * 3) / 7)); // 209.3 -> 209
    // Plain bilinear (no antialias) reads only the two nearest pixels: 50 and 227.5.
    const plain = resizeBilinear(Float32Array.from(row, (v) => v / 255), 1, 1, 4, 1, 2);
    expect(plain[0] * 255).toBeCloseTo(50, 4);
    expect(plain[1] * 255).toBeCloseTo(227.5, 4);
  });

  for (const test of fixture.cases) {
    const [sw, sh] = test.source;
    const [ow, oh] = test.output;
    it(`matches Pillow bit for bit from ${sw}x${sh} to ${ow}x${oh}${test.file ? ` on ${test.file.split('/').pop()}` : ''}`, async () => {
      const source = test.file ? (await decodeImage(new URL(`./fixtures/${test.file}`, import.meta.url).pathname)).image : pattern(sw, sh);
      const out = levels(resizePilBilinear(source, 3, sh, sw, oh, ow));
      if (test.chw) expect(out).toEqual(test.chw);
      if (test.samples) for (const [index, value] of Object.entries(test.samples)) expect(out[Number(index)], `pixel ${index}`).toBe(value);
      if (test.sha256) expect(createHash('sha256').update(Uint8Array.from(out)).digest('hex')).toBe(test.sha256);
    });
  }

  it('differs from the plain bilinear resize by up to 0.14 on VOC 000001 (353 x 500 to 300 x 300)', async () => {
    const voc = fixture.cases.find((c) => c.file)!;
    const { image, width, height } = await decodeImage(new URL(`./fixtures/${voc.file}`, import.meta.url).pathname);
    const pil = resizePilBilinear(image, 3, height, width, 300, 300);
    const plain = resizeBilinear(image, 3, height, width, 300, 300);
    let largest = 0;
    for (let i = 0; i < pil.length; i++) largest = Math.max(largest, Math.abs(pil[i] - plain[i]));
    expect(largest).toBeCloseTo(0.1435, 3);
  });
});
