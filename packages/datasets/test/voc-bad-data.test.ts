/**
 * Every kind of bad VOC data is a DataError that names the file and says what is wrong. Each case
 * breaks one file of a scratch copy of the VOC 2007 sample.
 */
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '@saliency-bench/core';
import { createVocDataset } from '../src/voc/voc-dataset.js';

const SOURCE = join(import.meta.dirname, 'fixtures', 'voc2007-sample', 'VOCdevkit');
let root: string;
let year: string;

beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'voc-bad-')), 'VOCdevkit');
  await cp(SOURCE, root, { recursive: true });
  year = join(root, 'VOC2007');
});

const open = (split: 'test' | 'trainval' = 'test') => createVocDataset({ root, year: 2007, split }, '/');
/** The error of loading sample 0 (000001) of the test split. */
async function firstSampleError(): Promise<DataError> {
  const error = await (await open()).load(0).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}
const xmlFile = () => join(year, 'Annotations', '000001.xml');
const editXml = async (from: string, to: string) => writeFile(xmlFile(), (await readFile(xmlFile(), 'utf8')).replace(from, to));

describe('voc with bad data', () => {
  it('names a missing root, a folder that is not VOC, and a missing split list', async () => {
    await expect(createVocDataset({ root: '/nowhere/VOCdevkit', year: 2007, split: 'test' }, '/')).rejects.toThrow('/nowhere/VOCdevkit: the VOC root folder does not exist');
    await expect(createVocDataset({ root: join(year, 'Annotations'), year: 2007, split: 'test' }, '/')).rejects.toThrow(/neither a VOCdevkit folder/);
    await rm(join(year, 'ImageSets', 'Main', 'test.txt'));
    await expect(open()).rejects.toThrow(`${join(year, 'ImageSets', 'Main', 'test.txt')}: split list not found`);
  });

  it('names a missing annotation file', async () => {
    await rm(xmlFile());
    expect((await firstSampleError()).message).toBe(`${xmlFile()}: annotation file not found`);
  });

  it('gives the line and column of malformed XML', async () => {
    await editXml('</bndbox>', '</bndbx>');
    expect((await firstSampleError()).message).toMatch(new RegExp(`^${xmlFile()}: malformed XML at line 30, column 3: .*closing tag .bndbox`));
  });

  it('names an unknown class, an inverted box and a box outside the image', async () => {
    await editXml('<name>dog</name>', '<name>dgo</name>');
    expect((await firstSampleError()).message).toMatch(/000001\.xml: object 1 has class "dgo", not one of the 20 VOC classes/);
    await editXml('<name>dgo</name>', '<name>dog</name>');
    await editXml('<xmin>48</xmin>', '<xmin>296</xmin>');
    expect((await firstSampleError()).message).toMatch(/object 1 \(dog\) has an inverted box: xmin 296, xmax 195/);
    await editXml('<xmin>296</xmin>', '<xmin>48</xmin>');
    await editXml('<ymax>498</ymax>', '<ymax>501</ymax>');
    expect((await firstSampleError()).message).toMatch(/object 2 \(person\) has a box \(8, 12\)-\(352, 501\) outside the 353x500 image/);
  });

  it('names an image whose decoded size differs from its annotation', async () => {
    await editXml('<width>353</width>', '<width>354</width>');
    const error = await firstSampleError();
    expect(error.file).toBe(join(year, 'JPEGImages', '000001.jpg'));
    expect(error.message).toMatch(/decoded size 353x500 differs from 354x500 in .*000001\.xml/);
  });

  it('names a missing, empty, truncated or non-image file', async () => {
    const image = join(year, 'JPEGImages', '000001.jpg');
    const bytes = await readFile(image);
    await rm(image);
    expect((await firstSampleError()).message).toBe(`${image}: image file not found`);
    await writeFile(image, '');
    expect((await firstSampleError()).message).toBe(`${image}: the image file is empty (0 bytes)`);
    await writeFile(image, bytes);
    await truncate(image, Math.floor(bytes.length / 2));
    expect((await firstSampleError()).message).toMatch(new RegExp(`^${image}: not a readable image: .*(premature|truncated|end of)`, 'i'));
    await writeFile(image, '<html>not a picture</html>');
    expect((await firstSampleError()).message).toMatch(new RegExp(`^${image}: not a readable image: .*unsupported image format`));
  });
});
