/** Options of the coco dataset and their JSON Schema. */
import type { JSONSchemaType } from '@saliency-bench/core';

export interface CocoOptions {
  /** The images folder (e.g. val2014/); relative to the spec file. */
  images: string;
  /** The instances file (e.g. annotations/instances_val2014.json); relative to the spec file. */
  annotations: string;
  /** Decode each object's segmentation to a mask (the pointing game's useMasks needs them). */
  masks: boolean;
  /** Optional: TorchRay's difficult-subset list, relative to the spec file. */
  difficultList?: string;
}

export const cocoDefaults: Omit<CocoOptions, 'images' | 'annotations'> = { masks: true };

export const cocoSchema: JSONSchemaType = {
  type: 'object',
  additionalProperties: false,
  required: ['images', 'annotations'],
  properties: {
    images: { type: 'string', minLength: 1, description: 'Folder of the images, e.g. val2014 (relative paths resolve against the spec file).' },
    annotations: { type: 'string', minLength: 1, description: 'The instances_<split>.json file of the same split.' },
    masks: { type: 'boolean', description: 'Decode segmentation polygons and RLE to per-object masks (needed by the pointing game with useMasks).' },
    difficultList: {
      type: 'string',
      minLength: 1,
      description: "TorchRay's pointing_game_ebp_coco_difficult.txt (file name without extension, then 80 flags): the pairs the pointing game's subset 'difficult' scores.",
    },
  },
};
