/**
 * A COCO instances file (instances_<split>.json, 2014 and 2017 alike) parsed once and indexed:
 * categories sorted by id give the contiguous class indices (the standard order of COCO models),
 * annotations are grouped by image, and the samples are the images, in increasing id (as
 * torchvision's CocoDetection), that have at least one non-crowd annotation (TorchRay skips images
 * without targets). Only what samples need is kept; the rest of the parsed file is released.
 */
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DataError } from '@saliency-bench/core';
import { readDataFile } from '../files/decode-image.js';

export interface CocoAnnotation {
  id: number;
  categoryId: number;
  bbox: unknown;
  crowd: boolean;
  segmentation: unknown;
}

export interface CocoImage {
  id: number;
  fileName: string;
  width: number;
  height: number;
  annotations: CocoAnnotation[];
}

export interface CocoIndex {
  file: string;
  classes: string[];
  /** Category id -> contiguous class index. */
  classOf: Map<number, number>;
  /** The samples, in increasing image id. */
  images: CocoImage[];
}

export async function readCocoIndex(file: string): Promise<CocoIndex> {
  const text = (await readDataFile(file, 'instances file')).toString('utf8');
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, `malformed JSON: ${describeJsonError(error as Error, text)}`);
  }
  return indexCoco(data, file);
}

export function indexCoco(data: any, file: string): CocoIndex {
  for (const key of ['images', 'annotations', 'categories']) {
    if (!Array.isArray(data?.[key])) throw new DataError(file, `field "${key}" is missing or not an array; is this a COCO instances file?`);
  }
  const categories = (data.categories as any[]).map((category, i) => {
    if (!Number.isInteger(category?.id) || typeof category?.name !== 'string') {
      throw new DataError(file, `categories[${i}] needs an integer "id" and a string "name"`);
    }
    return { id: category.id as number, name: category.name as string };
  });
  categories.sort((a, b) => a.id - b.id);
  const images = new Map<number, CocoImage>();
  (data.images as any[]).forEach((image, i) => {
    if (!Number.isInteger(image?.id) || typeof image?.file_name !== 'string' || !Number.isInteger(image?.width) || !Number.isInteger(image?.height)) {
      throw new DataError(file, `images[${i}] needs an integer "id", "width" and "height" and a string "file_name"`);
    }
    images.set(image.id, { id: image.id, fileName: image.file_name, width: image.width, height: image.height, annotations: [] });
  });
  (data.annotations as any[]).forEach((annotation, i) => {
    const image = images.get(annotation?.image_id);
    if (!image) throw new DataError(file, `annotations[${i}] (id ${annotation?.id}) names image_id ${annotation?.image_id}, which is not in "images"`);
    image.annotations.push({
      id: annotation.id,
      categoryId: annotation.category_id,
      bbox: annotation.bbox,
      crowd: annotation.iscrowd === 1 || annotation.iscrowd === true,
      segmentation: annotation.segmentation,
    });
  });
  const samples = [...images.values()].filter((image) => image.annotations.some((a) => !a.crowd)).sort((a, b) => a.id - b.id);
  return {
    file,
    classes: categories.map((category) => category.name),
    classOf: new Map(categories.map((category, k) => [category.id, k])),
    images: samples,
  };
}

/**
 * Where JSON.parse failed: V8's message does not always give a position, so the text is parsed
 * again (only on this error path) by jsonc-parser, which reports the offset of the first problem.
 */
function describeJsonError(error: Error, text: string): string {
  const problems: ParseError[] = [];
  parseTolerantly(text, problems, { disallowComments: true, allowTrailingComma: false });
  if (problems.length === 0) return error.message;
  const { offset, error: code } = problems[0];
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${printParseErrorCode(code)} at line ${line}, column ${column} (${error.message.split('\n')[0]})`;
}
