/** Bad COCO data is a DataError naming the file and the annotation or position at fault. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '@saliency-bench/core';
import { createCocoDataset } from '../src/coco/coco-dataset.js';

const SOURCE = join(import.meta.dirname, 'fixtures', 'coco2014-sample');
let root: string;
let file: string;
let data: any;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'coco-bad-'));
  await cp(SOURCE, root, { recursive: true });
  file = join(root, 'annotations', 'instances_val2014_sample.json');
  data = JSON.parse(await readFile(file, 'utf8'));
});

const open = () => createCocoDataset({ images: 'val2014', annotations: 'annotations/instances_val2014_sample.json', masks: true }, root);
const save = () => writeFile(file, JSON.stringify(data));
/** Sample 0 is image 192 (the smallest id). */
async function firstSampleError(): Promise<DataError> {
  const error = await (await open()).load(0).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}
const annotationOf192 = () => data.annotations.find((a: any) => a.image_id === 192);

describe('coco with bad data', () => {
  it('names a missing instances file and gives the line and column of malformed JSON', async () => {
    await rm(file);
    await expect(open()).rejects.toThrow(`${file}: instances file not found`);
    await writeFile(file, '{\n  "images": [],\n  "annotations": [}\n');
    await expect(open()).rejects.toThrow(new RegExp(`^${file}: malformed JSON: .*line 3, column 19`));
    await writeFile(file, '{"images": []}');
    await expect(open()).rejects.toThrow(`${file}: field "annotations" is missing or not an array; is this a COCO instances file?`);
  });

  it('names an annotation of an unknown image at creation', async () => {
    data.annotations[0].image_id = 999;
    await save();
    await expect(open()).rejects.toThrow(/annotations\[0\] \(id 326470\) names image_id 999, which is not in "images"/);
  });

  it('names the annotation with an unknown category, an inverted or outside box, or an RLE of the wrong size', async () => {
    annotationOf192().category_id = 12;
    await save();
    expect((await firstSampleError()).message).toMatch(/annotation id \d+ of image 192 \(COCO_val2014_000000000192.jpg\): category_id 12 is not among the 80 categories/);
    annotationOf192().category_id = 1;
    annotationOf192().bbox[2] = -3;
    await save();
    expect((await firstSampleError()).message).toMatch(/bbox \[.*, -3, .*\] is inverted/);
    annotationOf192().bbox = [600, 10, 50, 10];
    await save();
    expect((await firstSampleError()).message).toMatch(/bbox \[600, 10, 50, 10\] lies outside the 640x480 image/);
    annotationOf192().bbox = [1, 1, 5, 5];
    annotationOf192().segmentation = { size: [10, 10], counts: [100] };
    await save();
    expect((await firstSampleError()).message).toMatch(/segmentation: RLE size \[10,10\] differs from the image's \[480, 640\]/);
  });

  it('names an image whose decoded size differs from the file, and a missing image', async () => {
    data.images.find((image: any) => image.id === 192).width = 641;
    await save();
    const error = await firstSampleError();
    expect(error.file).toBe(join(root, 'val2014', 'COCO_val2014_000000000192.jpg'));
    expect(error.message).toMatch(/decoded size 640x480 differs from 641x480/);
    await rm(join(root, 'val2014', 'COCO_val2014_000000000241.jpg'));
    await expect((await open()).load(1)).rejects.toThrow(/COCO_val2014_000000000241.jpg: image file not found/);
  });
});
