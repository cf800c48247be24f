#!/usr/bin/env node
/**
 * Peak memory of indexing a large COCO instances file. Writes a fake instances file of about
 * --megabytes (default 450, the size of instances_train2017.json) by repeating the COCO 2014
 * sample's genuine images and annotations under fresh ids, then indexes it in a child process
 * and prints its peak resident set size (getrusage maxrss) and the time taken.
 *
 *   node bench/coco-index-memory.mjs [--megabytes 450] [--keep path]
 * Needs the packages built.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const args = process.argv.slice(2);
const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const megabytes = Number(option('--megabytes', 450));

if (args[0] === '--index') {
  const { readCocoIndex } = await import('@saliency-bench/datasets');
  const start = performance.now();
  const index = await readCocoIndex(args[1]);
  const seconds = (performance.now() - start) / 1000;
  const objects = index.images.reduce((sum, image) => sum + image.annotations.length, 0);
  console.log(JSON.stringify({ images: index.images.length, annotations: objects, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 }));
  process.exit(0);
}

const sample = JSON.parse(readFileSync(new URL('../packages/datasets/test/fixtures/coco2014-sample/annotations/instances_val2014_sample.json', import.meta.url), 'utf8'));
const file = option('--keep', join(mkdtempSync(join(tmpdir(), 'coco-memory-')), 'instances_fake.json'));
const out = createWriteStream(file);
const write = async (text) => {
  if (!out.write(text)) await once(out, 'drain');
};
const sampleBytes = JSON.stringify(sample.images).length + JSON.stringify(sample.annotations).length;
const copies = Math.ceil((megabytes * 1e6) / sampleBytes);
await write(`{"info": ${JSON.stringify(sample.info)}, "licenses": ${JSON.stringify(sample.licenses)}, "images": [`);
for (let c = 0; c < copies; c++) {
  const images = sample.images.map((image) => JSON.stringify({ ...image, id: c * 1000 + (image.id % 1000) }));
  await write((c ? ',' : '') + images.join(','));
}
await write('], "annotations": [');
for (let c = 0; c < copies; c++) {
  const annotations = sample.annotations.map((a, i) => JSON.stringify({ ...a, id: c * 1000 + i, image_id: c * 1000 + (a.image_id % 1000) }));
  await write((c ? ',' : '') + annotations.join(','));
}
await write(`], "categories": ${JSON.stringify(sample.categories)}}`);
out.end();
await once(out, 'finish');
const size = statSync(file).size;
console.log(`fake instances file: ${(size / 1e6).toFixed(0)} MB, ${copies * sample.images.length} images, ${copies * sample.annotations.length} annotations`);
const result = JSON.parse(execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--index', file], { encoding: 'utf8' }));
console.log(`indexed in ${result.seconds.toFixed(1)} s: peak RSS ${result.peakRssMb.toFixed(0)} MB (heap after indexing ${result.heapUsedMb.toFixed(0)} MB)`);
if (!args.includes('--keep')) rmSync(file);
