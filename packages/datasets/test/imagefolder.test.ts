/** imagefolder on folders built from the VOC sample's JPEGs: class folders, a names file, flat. */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImageFolderDataset } from '../src/imagefolder/imagefolder-dataset.js';

const JPEGS = join(import.meta.dirname, 'fixtures', 'voc2007-sample', 'VOCdevkit', 'VOC2007', 'JPEGImages');

async function folder(layout: Record<string, string[]>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'imagefolder-'));
  for (const [sub, ids] of Object.entries(layout)) {
    await mkdir(join(root, sub), { recursive: true });
    for (const id of ids) await copyFile(join(JPEGS, `${id}.jpg`), join(root, sub, `${id}.jpg`));
  }
  return root;
}

describe('imagefolder', () => {
  it('labels each image with its sorted class folder and has no boxes', async () => {
    const root = await folder({ n02084071: ['000001'], n02958343: ['000004', '000007'] });
    await writeFile(join(root, 'n02958343', 'notes.txt'), 'not an image');
    const dataset = await createImageFolderDataset({ root, layout: 'auto' }, '/');
    expect(dataset.classes).toEqual(['n02084071', 'n02958343']);
    expect(await dataset.size()).toBe(3);
    const samples = await Promise.all([0, 1, 2].map((i) => dataset.load(i)));
    expect(samples.map((s) => [s.id, s.labels, s.objects.length, s.width, s.height])).toEqual([
      ['n02084071__000001.jpg', [0], 0, 353, 500],
      ['n02958343__000004.jpg', [1], 0, 500, 406],
      ['n02958343__000007.jpg', [1], 0, 500, 333],
    ]);
  });

  it("takes the class order and names from a names file ('<folder> <name>' per line)", async () => {
    const root = await folder({ dog: ['000001'], car: ['000004'] });
    await writeFile(join(root, 'names.txt'), 'car automobile\ndog\n');
    const dataset = await createImageFolderDataset({ root, layout: 'classes', names: join(root, 'names.txt') }, '/');
    expect(dataset.classes).toEqual(['automobile', 'dog']);
    expect((await dataset.load(0)).labels).toEqual([0]);
    expect((await dataset.load(1)).id).toBe('dog__000001.jpg');
  });

  it('reads a flat folder as unlabelled images (targets then come from the model)', async () => {
    const root = await folder({ '.': ['000002', '000003'] });
    const dataset = await createImageFolderDataset({ root, layout: 'auto' }, '/');
    expect(dataset.classes).toEqual([]);
    const sample = await dataset.load(1);
    expect([sample.id, sample.labels, sample.width, sample.height]).toEqual(['000003.jpg', [], 500, 375]);
  });

  it('names a missing root, a missing class folder and an empty folder', async () => {
    await expect(createImageFolderDataset({ root: '/no/such/folder', layout: 'auto' }, '/')).rejects.toThrow('/no/such/folder: the image folder does not exist');
    const root = await folder({ dog: ['000001'] });
    await writeFile(join(root, 'names.txt'), 'dog\ncat\n');
    await expect(createImageFolderDataset({ root, layout: 'classes', names: join(root, 'names.txt') }, '/')).rejects.toThrow(`${join(root, 'cat')}: class folder named in`);
    const empty = await mkdtemp(join(tmpdir(), 'imagefolder-empty-'));
    await expect(createImageFolderDataset({ root: empty, layout: 'flat' }, '/')).rejects.toThrow(/no images .* found with layout "flat"/);
  });
});
