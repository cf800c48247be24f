#!/usr/bin/env node
// Writes a PNG contact sheet of synthetic samples with their boxes (red = difficult) and labels.
// Usage: node scripts/preview.mjs out.png [count=12] [size=300] [split=test] [seed=0]
import sharp from 'sharp';
import { createSyntheticDataset, SYNTHETIC_CLASSES } from '../dist/index.js';

const [out, countArg = '12', sizeArg = '300', split = 'test', seedArg = '0'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/preview.mjs <out.png> [count] [size] [split] [seed]');
  process.exit(2);
}
const count = Number(countArg);
const size = Number(sizeArg);
const dataset = createSyntheticDataset({ count, width: size, height: size, split, seed: Number(seedArg) });
const columns = Math.min(4, count);
const rows = Math.ceil(count / columns);
const pad = 4;
const label = 18;
const cellW = size + pad;
const cellH = size + pad + label;
const sheet = Buffer.alloc(columns * cellW * rows * cellH * 3, 255);
const svg = [];
for (let index = 0; index < count; index++) {
  const sample = dataset.loadSync(index);
  const ox = (index % columns) * cellW;
  const oy = Math.floor(index / columns) * cellH;
  const plane = size * size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = ((oy + y) * columns * cellW + ox + x) * 3;
      for (let c = 0; c < 3; c++) sheet[at + c] = Math.round(sample.image[c * plane + y * size + x] * 255);
    }
  }
  const names = [];
  for (const object of sample.objects) {
    const [x0, y0, x1, y1] = object.box;
    const colour = object.difficult ? 'red' : 'yellow';
    svg.push(`<rect x="${ox + x0}" y="${oy + y0}" width="${x1 - x0 + 1}" height="${y1 - y0 + 1}" fill="none" stroke="${colour}" stroke-width="1"/>`);
    names.push(SYNTHETIC_CLASSES[object.classIndex] + (object.difficult ? '*' : ''));
  }
  const caption = size >= 200 ? `${sample.id}: ${names.join(', ')}` : names.join(', ');
  svg.push(`<text x="${ox + 2}" y="${oy + size + 14}" font-size="${size >= 200 ? 12 : 9}" font-family="sans-serif">${caption}</text>`);
}
const width = columns * cellW;
const height = rows * cellH;
const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg.join('')}</svg>`);
await sharp(sheet, { raw: { width, height, channels: 3 } })
  .composite([{ input: overlay, top: 0, left: 0 }])
  .png()
  .toFile(out);
console.log(`wrote ${out}: ${count} samples at ${size}x${size}`);
