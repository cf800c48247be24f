/** Options of the voc dataset, written once with TypeBox: the JSON Schema and the type derived from it. */
import { stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

export const vocSchema = Type.Object(
  {
    root: Type.String({ minLength: 1, description: 'A VOCdevkit folder or its VOC<year> folder (relative paths resolve against the spec file).' }),
    year: Type.Optional(
      Type.Unsafe<2007 | 2012>({ type: 'integer', enum: [2007, 2012], description: 'Which VOC<year> folder inside a VOCdevkit (2012 has the same layout).' }),
    ),
    split: Type.Optional(stringEnum(['train', 'val', 'trainval', 'test'], { description: 'The image list ImageSets/Main/<split>.txt.' })),
    difficultList: Type.Optional(
      Type.String({
        minLength: 1,
        description: "TorchRay's pointing_game_ebp_voc07_difficult.txt (image id, then 20 flags): the pairs the pointing game's subset 'difficult' scores.",
      }),
    ),
  },
  { additionalProperties: false },
);

type VocSchemaOptions = Static<typeof vocSchema>;

export const vocDefaults: Required<Pick<VocSchemaOptions, 'year' | 'split'>> = { year: 2007, split: 'test' };

/** The options as `create` receives them: year and split filled in; difficultList stays optional. */
export type VocOptions = VocSchemaOptions & typeof vocDefaults;
