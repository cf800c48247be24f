/**
 * The coco dataset on 15 genuine COCO 2014 val images and their instances annotations
 * (fixtures/coco2014-sample, see its SOURCES.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sample } from '@saliency-bench/core';
import { createCocoDataset } from '../src/coco/coco-dataset.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'coco2014-sample');
const ANNOTATIONS = join(FIXTURES, 'annotations', 'instances_val2014_sample.json');
const raw = JSON.parse(await readFile(ANNOTATIONS, 'utf8'));
const dataset = await createCocoDataset({ images: 'val2014', annotations: 'annotations/instances_val2014_sample.json', masks: true }, FIXTURES);
const samples: Sample[] = [];
for (let i = 0; i < (await dataset.size()); i++) samples.push(await dataset.load(i));
const imageId = (sample: Sample) => Number(sample.id.slice(-12));
const annotationsOf = (sample: Sample) => raw.annotations.filter((a: any) => a.image_id === imageId(sample));

describe('coco on the COCO 2014 val sample', () => {
  it('maps the 80 categories (ids 1..90 with gaps) to 0..79 in id order', () => {
    expect(dataset.classes).toHaveLength(80);
    expect([dataset.classes[0], dataset.classes[11], dataset.classes[12], dataset.classes[79]]).toEqual(['person', 'stop sign', 'parking meter', 'toothbrush']);
  });

  it('gives the images in increasing id, each decoded at its annotated size', () => {
    expect(samples.map(imageId)).toEqual([192, 241, 257, 294, 328, 338, 357, 360, 395, 415, 428, 459, 474, 488, 536]);
    for (const sample of samples) {
      const entry = raw.images.find((image: any) => image.id === imageId(sample));
      expect(sample.id).toBe(entry.file_name.replace('.jpg', ''));
      expect([sample.width, sample.height, sample.image.length]).toEqual([entry.width, entry.height, 3 * entry.width * entry.height]);
    }
  });

  it('keeps every non-crowd annotation as an object and leaves the two crowd regions out', () => {
    // Annotations per image from SOURCES.md; 257 and 357 each have one crowd annotation.
    const counts = { 192: 5, 241: 14, 257: 33, 294: 20, 328: 11, 338: 6, 357: 17, 360: 3, 395: 13, 415: 2, 428: 3, 459: 2, 474: 2, 488: 10, 536: 11 };
    expect(Object.fromEntries(samples.map((s) => [imageId(s), s.objects.length]))).toEqual(counts);
    for (const sample of samples) {
      const categories = annotationsOf(sample).filter((a: any) => !a.iscrowd).map((a: any) => dataset.classes.indexOf(raw.categories.find((c: any) => c.id === a.category_id).name));
      expect(sample.labels).toEqual([...new Set(categories)].sort((a, b) => (a as number) - (b as number)));
      expect(sample.objects.map((o) => o.classIndex)).toEqual(categories);
    }
  });

  it('turns bbox [x, y, w, h] into the pixel-centre box [x - 0.5, y - 0.5, x + w - 0.5, y + h - 0.5]', () => {
    // The file's first annotation: image 328, category 77 (cell phone), bbox [434.75, 283.15, 35.01, 18.64].
    const sample = samples.find((s) => imageId(s) === 328)!;
    const first = sample.objects[0];
    expect(dataset.classes[first.classIndex]).toBe('cell phone');
    [434.25, 282.65, 469.26, 301.29].forEach((v, i) => expect(first.box[i]).toBeCloseTo(v, 9));
  });

  it('draws every polygon mask inside its box, with the area of the annotation within a few percent', () => {
    let maskTotal = 0;
    let areaTotal = 0;
    let outside = 0;
    for (const sample of samples) {
      const annotations = annotationsOf(sample).filter((a: any) => !a.iscrowd);
      sample.objects.forEach((object, i) => {
        const mask = object.mask!;
        expect(mask).toHaveLength(sample.width * sample.height);
        let area = 0;
        for (let p = 0; p < mask.length; p++) {
          if (!mask[p]) continue;
          area++;
          const x = p % sample.width;
          const y = Math.floor(p / sample.width);
          if (x < object.box[0] || x > object.box[2] || y < object.box[1] || y > object.box[3]) outside++;
        }
        const expected = annotations[i].area;
        // Pixel counts of small objects differ most from the polygon's exact area: allow 2 border pixels' worth.
        const tolerance = Math.max(0.05 * expected, 2 * Math.sqrt(expected) + 2);
        expect(Math.abs(area - expected)).toBeLessThanOrEqual(tolerance);
        maskTotal += area;
        areaTotal += expected;
      });
    }
    expect(outside).toBe(0);
    expect(Math.abs(maskTotal / areaTotal - 1)).toBeLessThan(0.01);
  });
});
