/**
 * PASCAL VOC (Everingham et al., IJCV 2010) in its devkit layout: the split's ids from
 * ImageSets/Main/<split>.txt, each sample's objects from Annotations/<id>.xml and its pixels from
 * JPEGImages/<id>.jpg. The split list is read when the dataset is created; the rest per sample.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError, type Dataset, type Sample } from '@saliency-bench/core';
import { decodeImage, readDataFile } from '../files/decode-image.js';
import { difficultClassesOf, readDifficultList, type DifficultList } from '../files/difficult-list.js';
import { checkDecodedSize } from '../files/check-size.js';
import { parseVocAnnotation } from './voc-annotation.js';
import { VOC_CLASSES } from './voc-classes.js';
import type { VocOptions } from './voc-options.js';

export async function createVocDataset(options: VocOptions, baseDir: string): Promise<Dataset> {
  const folder = await findYearFolder(resolve(baseDir, options.root), options.year);
  const splitFile = join(folder, 'ImageSets', 'Main', `${options.split}.txt`);
  const ids = (await readDataFile(splitFile, 'split list')).toString('utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  ids.forEach((id, i) => {
    if (!/^[\w.-]+$/.test(id)) throw new DataError(splitFile, `line ${i + 1}: "${id}" is not an image id (letters, digits, _ . - only)`);
  });
  const difficult = options.difficultList ? await readDifficultList(resolve(baseDir, options.difficultList), VOC_CLASSES.length) : undefined;
  return {
    classes: VOC_CLASSES,
    size: async () => ids.length,
    load: (index) => loadVocSample(folder, ids[index], difficult),
  };
}

async function loadVocSample(folder: string, id: string, difficult: DifficultList | undefined): Promise<Sample> {
  const xmlFile = join(folder, 'Annotations', `${id}.xml`);
  const imageFile = join(folder, 'JPEGImages', `${id}.jpg`);
  const [xml, decoded] = await Promise.all([readDataFile(xmlFile, 'annotation file'), decodeImage(imageFile)]);
  const annotation = parseVocAnnotation(xml.toString('utf8'), xmlFile);
  checkDecodedSize(imageFile, decoded, annotation, xmlFile);
  const labels = [...new Set(annotation.objects.map((object) => object.classIndex))].sort((a, b) => a - b);
  return {
    id,
    image: decoded.image,
    width: decoded.width,
    height: decoded.height,
    labels,
    objects: annotation.objects,
    ...(difficult ? { difficultSubset: difficultClassesOf(difficult, id, labels) } : {}),
  };
}

/** The VOC<year> folder: the root itself, or VOC<year> inside a VOCdevkit. */
async function findYearFolder(root: string, year: number): Promise<string> {
  const isFolder = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  if (!(await isFolder(root))) throw new DataError(root, 'the VOC root folder does not exist; set the dataset option "root" to a VOCdevkit folder');
  if (await isFolder(join(root, `VOC${year}`))) return join(root, `VOC${year}`);
  if ((await isFolder(join(root, 'Annotations'))) && (await isFolder(join(root, 'JPEGImages')))) return root;
  throw new DataError(root, `neither a VOCdevkit folder (no VOC${year}/ inside) nor a VOC${year} folder (no Annotations/ and JPEGImages/)`);
}
