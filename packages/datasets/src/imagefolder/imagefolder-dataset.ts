/**
 * A folder of images, the way people keep their own photos: ImageNet style (one sub-folder per
 * class, as torchvision's ImageFolder; the class order is the sorted folder names unless a names
 * file gives it) or flat (no labels: targets come from the model, `top-k`). There are no boxes, so
 * localisation metrics record their jobs as skipped.
 */
import { readdir } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { DataError, type Dataset, type Sample } from '@saliency-bench/core';
import { decodeImage, readDataFile } from '../files/decode-image.js';
import type { ImageFolderOptions } from './imagefolder-options.js';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif']);

interface Entry {
  file: string;
  label?: number;
}

export async function createImageFolderDataset(options: ImageFolderOptions, baseDir: string): Promise<Dataset> {
  const root = resolve(baseDir, options.root);
  const listing = await readdir(root, { withFileTypes: true }).catch(() => {
    throw new DataError(root, 'the image folder does not exist or cannot be read; set the dataset option "root"');
  });
  const folders = listing.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const layout = options.layout === 'auto' ? (folders.length > 0 ? 'classes' : 'flat') : options.layout;
  const names = options.names ? await readNames(resolve(baseDir, options.names)) : undefined;
  let classes: string[];
  let entries: Entry[];
  if (layout === 'flat') {
    classes = names?.map((line) => line.join(' ')) ?? [];
    entries = imagesIn(root, listing.filter((entry) => entry.isFile()).map((entry) => entry.name)).map((file) => ({ file }));
  } else {
    const classFolders = names?.map((line) => line[0]) ?? folders;
    classes = names?.map((line) => line.slice(1).join(' ') || line[0]) ?? folders;
    for (const folder of classFolders) {
      if (!folders.includes(folder)) throw new DataError(join(root, folder), `class folder named in ${options.names} does not exist`);
    }
    entries = [];
    for (const [label, folder] of classFolders.entries()) {
      const files = (await readdir(join(root, folder), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
      entries.push(...imagesIn(join(root, folder), files).map((file) => ({ file, label })));
    }
  }
  if (entries.length === 0) throw new DataError(root, `no images (${[...IMAGE_EXTENSIONS].join(' ')}) found with layout "${layout}"`);
  return {
    classes,
    size: async () => entries.length,
    load: async (index): Promise<Sample> => {
      const { file, label } = entries[index];
      const decoded = await decodeImage(file);
      return {
        id: relative(root, file).replace(/[\\/]/g, '__').replace(/[^\w.-]/g, '_'),
        ...decoded,
        labels: label === undefined ? [] : [label],
        objects: [],
      };
    },
  };
}

function imagesIn(folder: string, files: string[]): string[] {
  return files.filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase())).sort().map((name) => join(folder, name));
}

/** Non-blank lines split on whitespace. */
async function readNames(file: string): Promise<string[][]> {
  const text = (await readDataFile(file, 'names file')).toString('utf8');
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((line) => line.split(/\s+/));
}

