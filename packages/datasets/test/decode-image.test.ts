/**
 * Images come out exactly as stored, 3-channel CHW in [0, 1], whatever their colour format.
 * The files are written by sharp from known pixel values; lossless formats give exact values.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodeImage } from '../src/files/decode-image.js';

const dir = await mkdtemp(join(tmpdir(), 'decode-'));
const write = async (name: string, bytes: Buffer) => {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
};
/** A 3x2 RGB image whose pixel p has channels (10p, 10p + 1, 10p + 2) in 8 bits. */
const rgb = () => Buffer.from(Array.from({ length: 18 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3)));
const pixel = (image: Float32Array, plane: number, p: number) => [image[p], image[plane + p], image[2 * plane + p]];

describe('decodeImage', () => {
  it('returns an RGB PNG as CHW values divided by 255', async () => {
    const file = await write('rgb.png', await sharp(rgb(), { raw: { width: 3, height: 2, channels: 3 } }).png().toBuffer());
    const { image, width, height } = await decodeImage(file);
    expect([width, height]).toEqual([3, 2]);
    expect(pixel(image, 6, 4).map((v) => v * 255)).toEqual([40, 41, 42].map((v) => expect.closeTo(v, 4)));
  });

  it('drops the alpha channel of an RGBA PNG (as PIL convert("RGB") does)', async () => {
    const rgba = Buffer.from(Array.from({ length: 24 }, (_, i) => (i % 4 === 3 ? 0 : 50 + i)));
    const file = await write('rgba.png', await sharp(rgba, { raw: { width: 3, height: 2, channels: 4 } }).png().toBuffer());
    const { image } = await decodeImage(file);
    expect(image).toHaveLength(18);
    expect(pixel(image, 6, 1).map((v) => Math.round(v * 255))).toEqual([54, 55, 56]);
  });

  it('replicates a grey PNG and a grey JPEG into three equal channels', async () => {
    const grey = Buffer.from([0, 51, 102, 153, 204, 255]);
    const png = await decodeImage(await write('grey.png', await sharp(grey, { raw: { width: 3, height: 2, channels: 1 } }).png().toBuffer()));
    expect(pixel(png.image, 6, 2).map((v) => Math.round(v * 255))).toEqual([102, 102, 102]);
    const flat = Buffer.alloc(64 * 64, 120);
    const jpeg = await decodeImage(await write('grey.jpg', await sharp(flat, { raw: { width: 64, height: 64, channels: 1 } }).jpeg().toBuffer()));
    const [r, g, b] = pixel(jpeg.image, 64 * 64, 100);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(r * 255).toBeCloseTo(120, 0);
  });

  it('converts a CMYK JPEG to RGB in [0, 1]', async () => {
    const red = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 220, g: 30, b: 30 } } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    expect((await sharp(red).metadata()).space).toBe('cmyk');
    const { image } = await decodeImage(await write('cmyk.jpg', red));
    expect(image).toHaveLength(3 * 256);
    const [r, g, b] = pixel(image, 256, 120);
    expect(r).toBeGreaterThan(0.6);
    expect(g).toBeLessThan(0.35);
    expect(b).toBeLessThan(0.35);
  });

  it('keeps the precision of a 16-bit PNG', async () => {
    const values = Uint16Array.from([0, 1000, 40000, 65535, 12345, 54321, 7, 8, 9, 100, 200, 300, 1, 2, 3, 4, 5, 6]);
    const png = await sharp(values, { raw: { width: 3, height: 2, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(png).metadata()).depth).toBe('ushort');
    const { image } = await decodeImage(await write('wide.png', png));
    expect(pixel(image, 6, 0)).toEqual([0, 1000, 40000].map((v) => expect.closeTo(v / 65535, 7)));
    expect(pixel(image, 6, 1)).toEqual([65535, 12345, 54321].map((v) => expect.closeTo(v / 65535, 7)));
  });

  it('ignores the EXIF orientation: a 3x2 image tagged "rotate 90" stays 3x2', async () => {
    const tagged = await sharp(rgb(), { raw: { width: 3, height: 2, channels: 3 } }).png().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const { width, height, image } = await decodeImage(await write('rotated.png', tagged));
    expect([width, height]).toEqual([3, 2]);
    expect(Math.round(image[1] * 255)).toBe(10);
  });
});
