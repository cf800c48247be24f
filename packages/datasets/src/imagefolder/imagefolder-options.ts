/** Options of the imagefolder dataset and their JSON Schema. */
import type { JSONSchemaType } from '@saliency-bench/core';

export interface ImageFolderOptions {
  /** The folder; relative to the spec file. */
  root: string;
  /** classes: one sub-folder per class (ImageNet style); flat: images with no labels; auto: classes if there are sub-folders. */
  layout: 'auto' | 'classes' | 'flat';
  /**
   * Optional names file, relative to the spec file. With class folders: one line per class,
   * "<folder> <name>" (the name may be left out), in the model's class order. Flat: one class name
   * per line, the model's classes.
   */
  names?: string;
}

export const imageFolderDefaults: Omit<ImageFolderOptions, 'root'> = { layout: 'auto' };

export const imageFolderSchema: JSONSchemaType = {
  type: 'object',
  additionalProperties: false,
  required: ['root'],
  properties: {
    root: { type: 'string', minLength: 1, description: 'The image folder (relative paths resolve against the spec file).' },
    layout: {
      type: 'string',
      enum: ['auto', 'classes', 'flat'],
      description: "'classes': one sub-folder per class (ImageNet style); 'flat': images without labels (use targets top-k); 'auto': 'classes' when the root has sub-folders.",
    },
    names: {
      type: 'string',
      minLength: 1,
      description: "Class names file: '<folder> <name>' per line in the model's class order (class folders), or one name per line (flat). Default: the folder names, sorted.",
    },
  },
};
