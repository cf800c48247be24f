/**
 * One PASCAL VOC annotation file (Annotations/<id>.xml) parsed with fast-xml-parser and checked.
 * VOC boxes are 1-based and inclusive: <xmin>1</xmin> is the first pixel column. The project's
 * boxes are 0-based and inclusive, so each coordinate is VOC's minus 1 (as TorchRay's voc_as_mask
 * and the VOC devkit's own evaluation do): a box (xmin 48, xmax 195) covers columns 47..194.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataError, type SampleObject } from '@saliency-bench/core';
import { VOC_CLASSES } from './voc-classes.js';

export interface VocAnnotation {
  width: number;
  height: number;
  objects: SampleObject[];
}

const parser = new XMLParser({ isArray: (_name, path) => path === 'annotation.object', parseTagValue: false });
const classIndex = new Map<string, number>(VOC_CLASSES.map((name, k) => [name, k]));

export function parseVocAnnotation(xml: string, file: string): VocAnnotation {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new DataError(file, `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const root = parser.parse(xml)?.annotation;
  if (typeof root !== 'object' || root === null) throw new DataError(file, 'no <annotation> element');
  const width = positiveInteger(root.size?.width, 'size/width', file);
  const height = positiveInteger(root.size?.height, 'size/height', file);
  const objects = ((root.object ?? []) as Record<string, any>[]).map((object, i) => {
    const where = `object ${i + 1}`;
    const name = String(object.name ?? '').trim();
    const k = classIndex.get(name);
    if (k === undefined) throw new DataError(file, `${where} has class "${name}", not one of the 20 VOC classes (${VOC_CLASSES.join(', ')})`);
    const [xmin, ymin, xmax, ymax] = ['xmin', 'ymin', 'xmax', 'ymax'].map((key) => coordinate(object.bndbox?.[key], `${where} (${name}) bndbox/${key}`, file));
    if (xmin > xmax || ymin > ymax) throw new DataError(file, `${where} (${name}) has an inverted box: xmin ${xmin}, xmax ${xmax}, ymin ${ymin}, ymax ${ymax}`);
    if (xmin < 1 || ymin < 1 || xmax > width || ymax > height) {
      throw new DataError(file, `${where} (${name}) has a box (${xmin}, ${ymin})-(${xmax}, ${ymax}) outside the ${width}x${height} image (VOC coordinates run from 1 to the width and height)`);
    }
    const difficult = String(object.difficult ?? '0').trim();
    if (difficult !== '0' && difficult !== '1') throw new DataError(file, `${where} (${name}) has <difficult>${difficult}</difficult>; expected 0 or 1`);
    return { classIndex: k, box: [xmin - 1, ymin - 1, xmax - 1, ymax - 1], difficult: difficult === '1' } satisfies SampleObject;
  });
  return { width, height, objects };
}

function coordinate(value: unknown, field: string, file: string): number {
  const number = Number(String(value ?? '').trim());
  if (value === undefined || String(value).trim() === '' || !Number.isFinite(number)) {
    throw new DataError(file, `${field} is ${value === undefined ? 'missing' : `"${value}", not a number`}`);
  }
  return number;
}

function positiveInteger(value: unknown, field: string, file: string): number {
  const number = coordinate(value, field, file);
  if (!Number.isInteger(number) || number < 1) throw new DataError(file, `${field} is ${number}; expected a positive integer`);
  return number;
}
