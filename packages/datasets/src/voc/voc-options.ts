/** Options of the voc dataset and their JSON Schema. */
import type { JSONSchemaType } from '@saliency-bench/core';

export interface VocOptions {
  /** A VOCdevkit folder, or its VOC<year> folder; relative to the spec file. */
  root: string;
  year: 2007 | 2012;
  split: 'train' | 'val' | 'trainval' | 'test';
  /** Optional: TorchRay's difficult-subset list, relative to the spec file. */
  difficultList?: string;
}

export const vocDefaults: Omit<VocOptions, 'root'> = { year: 2007, split: 'test' };

export const vocSchema: JSONSchemaType = {
  type: 'object',
  additionalProperties: false,
  required: ['root'],
  properties: {
    root: { type: 'string', minLength: 1, description: 'A VOCdevkit folder or its VOC<year> folder (relative paths resolve against the spec file).' },
    year: { type: 'integer', enum: [2007, 2012], description: 'Which VOC<year> folder inside a VOCdevkit (2012 has the same layout).' },
    split: { type: 'string', enum: ['train', 'val', 'trainval', 'test'], description: 'The image list ImageSets/Main/<split>.txt.' },
    difficultList: {
      type: 'string',
      minLength: 1,
      description: "TorchRay's pointing_game_ebp_voc07_difficult.txt (image id, then 20 flags): the pairs the pointing game's subset 'difficult' scores.",
    },
  },
};
