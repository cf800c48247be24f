/**
 * COCO (Lin et al., ECCV 2014): an images folder and its instances file. The file is parsed and
 * indexed when the dataset is created; each sample decodes its image and its objects' masks.
 */
import { join, parse, resolve } from 'node:path';
import type { Dataset, Sample } from '@saliency-bench/core';
import { checkDecodedSize } from '../files/check-size.js';
import { decodeImage } from '../files/decode-image.js';
import { difficultClassesOf, readDifficultList } from '../files/difficult-list.js';
import { readCocoIndex } from './coco-index.js';
import { cocoObjects } from './coco-objects.js';
import type { CocoOptions } from './coco-options.js';

export async function createCocoDataset(options: CocoOptions, baseDir: string): Promise<Dataset> {
  const imagesDir = resolve(baseDir, options.images);
  const index = await readCocoIndex(resolve(baseDir, options.annotations));
  const difficult = options.difficultList ? await readDifficultList(resolve(baseDir, options.difficultList), index.classes.length) : undefined;
  return {
    classes: index.classes,
    size: async () => index.images.length,
    load: async (i): Promise<Sample> => {
      const image = index.images[i];
      const imageFile = join(imagesDir, image.fileName);
      const objects = cocoObjects(index, image, options.masks);
      const decoded = await decodeImage(imageFile);
      checkDecodedSize(imageFile, decoded, image, index.file);
      const labels = [...new Set(objects.map((object) => object.classIndex))].sort((a, b) => a - b);
      const name = parse(image.fileName).name;
      return {
        id: name.replace(/[^\w.-]/g, '_'),
        image: decoded.image,
        width: decoded.width,
        height: decoded.height,
        labels,
        objects,
        ...(difficult ? { difficultSubset: difficultClassesOf(difficult, name, labels) } : {}),
      };
    },
  };
}
