/**
 * The voc dataset on 12 genuine VOC 2007 files (fixtures/voc2007-sample, see its SOURCES.md).
 * Expected values are read off the XMLs by eye and listed here.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Dataset, Sample } from '@saliency-bench/core';
import { createVocDataset } from '../src/voc/voc-dataset.js';
import { VOC_CLASSES } from '../src/voc/voc-classes.js';
import { vocDefaults } from '../src/voc/voc-options.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ROOT = join(FIXTURES, 'voc2007-sample', 'VOCdevkit');
const voc = (options: Record<string, unknown> = {}) => createVocDataset({ ...vocDefaults, root: ROOT, ...options } as never, FIXTURES);

async function loadAll(dataset: Dataset): Promise<Sample[]> {
  return Promise.all(Array.from({ length: await dataset.size() }, (_, i) => dataset.load(i)));
}

/** id -> [width, height, objects, difficult objects, class names present] from the XMLs. */
const EXPECTED: Record<string, [number, number, number, number, string[]]> = {
  '000001': [353, 500, 2, 0, ['dog', 'person']],
  '000002': [335, 500, 1, 0, ['train']],
  '000003': [500, 375, 2, 0, ['chair', 'sofa']],
  '000004': [500, 406, 7, 0, ['car']],
  '000025': [500, 375, 11, 1, ['cow', 'person']],
  '000005': [500, 375, 5, 2, ['chair']],
  '000007': [500, 333, 1, 0, ['car']],
  '000009': [500, 375, 4, 0, ['horse', 'person']],
  '000012': [500, 333, 1, 0, ['car']],
  '000016': [334, 500, 1, 0, ['bicycle']],
  '000017': [480, 364, 2, 0, ['horse', 'person']],
  '000023': [334, 500, 6, 1, ['bicycle', 'person']],
};

describe('voc on the VOC 2007 sample', () => {
  it('lists the 20 classes in the standard alphabetical order', async () => {
    const dataset = await voc();
    expect(dataset.classes).toEqual([...VOC_CLASSES].sort());
    expect([dataset.classes[0], dataset.classes[11], dataset.classes[14], dataset.classes[19]]).toEqual(['aeroplane', 'dog', 'person', 'tvmonitor']);
  });

  it('reads the split lists in file order, from a VOCdevkit or from its VOC2007 folder', async () => {
    expect((await loadAll(await voc())).map((s) => s.id)).toEqual(['000001', '000002', '000003', '000004', '000025']);
    const trainval = await voc({ split: 'trainval', root: join(ROOT, 'VOC2007') });
    expect((await loadAll(trainval)).map((s) => s.id)).toEqual(['000005', '000007', '000009', '000012', '000016', '000017', '000023']);
  });

  it('decodes every image at its annotated size, with its objects, difficult flags and labels', async () => {
    const samples = [...(await loadAll(await voc())), ...(await loadAll(await voc({ split: 'trainval' })))];
    expect(samples).toHaveLength(12);
    for (const sample of samples) {
      const [width, height, objects, difficult, names] = EXPECTED[sample.id];
      expect([sample.width, sample.height, sample.image.length]).toEqual([width, height, 3 * width * height]);
      expect(sample.objects).toHaveLength(objects);
      expect(sample.objects.filter((object) => object.difficult)).toHaveLength(difficult);
      expect(sample.labels.map((k) => VOC_CLASSES[k]).sort()).toEqual(names);
    }
  });

  it("maps VOC's 1-based inclusive boxes to 0-based inclusive pixels (000001's dog: xmin 48 -> column 47)", async () => {
    const [first] = await loadAll(await voc());
    // Annotations/000001.xml: dog 48 240 195 371, person 8 12 352 498; TorchRay's voc_as_mask fills
    // rows ymin-1..ymax-1 and columns xmin-1..xmax-1.
    expect(first.objects).toEqual([
      { classIndex: 11, box: [47, 239, 194, 370], difficult: false },
      { classIndex: 14, box: [7, 11, 351, 497], difficult: false },
    ]);
  });

  it('keeps the pixels as stored: channel values equal sharp\'s own decode divided by 255', async () => {
    const [first] = await loadAll(await voc());
    const file = join(ROOT, 'VOC2007', 'JPEGImages', '000001.jpg');
    const { data } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
    const plane = first.width * first.height;
    for (const p of [0, 1234, 100_000, plane - 1]) {
      for (let c = 0; c < 3; c++) expect(first.image[c * plane + p]).toBeCloseTo(data[3 * p + c] / 255, 7);
    }
  });

  it("marks the pairs of TorchRay's difficult list (000001: dog; 000003: chair and sofa)", async () => {
    const samples = await loadAll(await voc({ difficultList: 'voc2007-sample/pointing_game_ebp_voc07_difficult_sample.txt' }));
    expect(Object.fromEntries(samples.map((s) => [s.id, s.difficultSubset]))).toEqual({
      '000001': [11],
      '000002': [],
      '000003': [8, 17],
      '000004': [],
      '000025': [],
    });
    expect((await loadAll(await voc()))[0].difficultSubset).toBeUndefined();
  });
});
