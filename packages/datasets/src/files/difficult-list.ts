/**
 * The "difficult" subset of the pointing game (Zhang et al., ECCV 2016, as TorchRay ships it in
 * pointing_game_ebp_voc07_difficult.txt and pointing_game_ebp_coco_difficult.txt): one line per
 * image, its name then one 0/1 flag per class, tab-separated. A pair (image, class) is in the
 * subset when its flag is 1; TorchRay keeps the pairs of an image the list does not name.
 */
import { DataError } from '@saliency-bench/core';
import { readDataFile } from './decode-image.js';

/** Image name -> classes flagged 1. */
export type DifficultList = Map<string, number[]>;

export async function readDifficultList(file: string, classCount: number): Promise<DifficultList> {
  const text = (await readDataFile(file, 'difficult list')).toString('utf8');
  const list: DifficultList = new Map();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const [name, ...flags] = line.trim().split(/\s+/);
    if (flags.length !== classCount || flags.some((flag) => flag !== '0' && flag !== '1')) {
      throw new DataError(file, `line ${i + 1}: expected an image name and ${classCount} flags of 0 or 1 (TorchRay's format), found ${flags.length} fields after "${name}"`);
    }
    list.set(name, flags.flatMap((flag, k) => (flag === '1' ? [k] : [])));
  });
  return list;
}

/** The sample's classes in the difficult subset; all its labels when the list does not name it. */
export function difficultClassesOf(list: DifficultList, imageName: string, labels: number[]): number[] {
  return list.get(imageName)?.filter((k) => labels.includes(k)) ?? [...labels];
}
