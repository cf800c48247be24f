/**
 * A COCO image's annotations as the project's objects: the class index of the category, the box
 * and the mask. COCO's bbox [x, y, w, h] is continuous, with pixel i covering [i, i+1); the
 * project's inclusive box puts pixel i's centre at i, so the box is [x - 0.5, y - 0.5, x + w - 0.5,
 * y + h - 0.5]: exactly the pixels whose centre lies in the COCO box, the same sampling as the
 * masks. Crowd annotations are not targets and are left out.
 */
import { DataError, type SampleObject } from '@saliency-bench/core';
import type { CocoAnnotation, CocoImage, CocoIndex } from './coco-index.js';
import { decodeRleString, rleToMask } from './coco-rle.js';
import { polygonsToMask } from './polygon-mask.js';

/** COCO boxes are rounded to 2 decimals and polygons may graze the border: allow this much outside. */
const BORDER_TOLERANCE = 1;

export function cocoObjects(index: CocoIndex, image: CocoImage, withMasks: boolean): SampleObject[] {
  return image.annotations
    .filter((annotation) => !annotation.crowd)
    .map((annotation) => {
      const where = `annotation id ${annotation.id} of image ${image.id} (${image.fileName})`;
      const fail = (problem: string) => new DataError(index.file, `${where}: ${problem}`);
      const classIndex = index.classOf.get(annotation.categoryId);
      if (classIndex === undefined) throw fail(`category_id ${annotation.categoryId} is not among the ${index.classes.length} categories`);
      const box = cocoBox(annotation, image, fail);
      const object: SampleObject = { classIndex, box, difficult: false };
      if (withMasks) {
        try {
          object.mask = segmentationMask(annotation, image);
        } catch (error) {
          throw fail(`segmentation: ${(error as Error).message}`);
        }
      }
      return object;
    });
}

function cocoBox(annotation: CocoAnnotation, image: CocoImage, fail: (problem: string) => Error): SampleObject['box'] {
  const bbox = annotation.bbox;
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw fail(`bbox is ${JSON.stringify(bbox)}; expected [x, y, width, height]`);
  }
  const [x, y, w, h] = bbox as number[];
  if (w < 0 || h < 0) throw fail(`bbox [${bbox.join(', ')}] is inverted (negative width or height)`);
  if (x < -BORDER_TOLERANCE || y < -BORDER_TOLERANCE || x + w > image.width + BORDER_TOLERANCE || y + h > image.height + BORDER_TOLERANCE) {
    throw fail(`bbox [${bbox.join(', ')}] lies outside the ${image.width}x${image.height} image`);
  }
  return [x - 0.5, y - 0.5, x + w - 0.5, y + h - 0.5];
}

function segmentationMask(annotation: CocoAnnotation, image: CocoImage): Uint8Array {
  const { width, height } = image;
  const segmentation = annotation.segmentation as any;
  if (Array.isArray(segmentation)) {
    segmentation.forEach((polygon, i) => {
      if (!Array.isArray(polygon) || polygon.length % 2 !== 0 || !polygon.every((v) => typeof v === 'number')) {
        throw new Error(`polygon ${i} is not a list of x, y numbers`);
      }
    });
    return polygonsToMask(segmentation, height, width);
  }
  if (segmentation && typeof segmentation === 'object' && Array.isArray(segmentation.size)) {
    const [rleHeight, rleWidth] = segmentation.size;
    if (rleHeight !== height || rleWidth !== width) throw new Error(`RLE size [${segmentation.size}] differs from the image's [${height}, ${width}]`);
    const counts = typeof segmentation.counts === 'string' ? decodeRleString(segmentation.counts) : segmentation.counts;
    if (!Array.isArray(counts)) throw new Error('RLE "counts" is neither a string nor a list of run lengths');
    return rleToMask(counts, height, width);
  }
  throw new Error(`expected polygons or an RLE object with "size" and "counts", found ${JSON.stringify(segmentation)?.slice(0, 60)}`);
}
