/** Options of the imagefolder dataset, written once with TypeBox: the JSON Schema and the type derived from it. */
import { stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

export const imageFolderSchema = Type.Object(
  {
    root: Type.String({ minLength: 1, description: 'The image folder (relative paths resolve against the spec file).' }),
    layout: Type.Optional(
      stringEnum(['auto', 'classes', 'flat'], {
        description: "'classes': one sub-folder per class (ImageNet style); 'flat': images without labels (use targets top-k); 'auto': 'classes' when the root has sub-folders.",
      }),
    ),
    names: Type.Optional(
      Type.String({
        minLength: 1,
        description: "Class names file: '<folder> <name>' per line in the model's class order (class folders), or one name per line (flat). Default: the folder names, sorted.",
      }),
    ),
  },
  { additionalProperties: false },
);

type ImageFolderSchemaOptions = Static<typeof imageFolderSchema>;

export const imageFolderDefaults: Required<Pick<ImageFolderSchemaOptions, 'layout'>> = { layout: 'auto' };

/** The options as `create` receives them: layout filled in; names stays optional. */
export type ImageFolderOptions = ImageFolderSchemaOptions & typeof imageFolderDefaults;
