/** Options of the coco dataset, written once with TypeBox: the JSON Schema and the type derived from it. */
import { Type, type Static } from '@sinclair/typebox';

export const cocoSchema = Type.Object(
  {
    images: Type.String({ minLength: 1, description: 'Folder of the images, e.g. val2014 (relative paths resolve against the spec file).' }),
    annotations: Type.String({ minLength: 1, description: 'The instances_<split>.json file of the same split.' }),
    masks: Type.Optional(Type.Boolean({ description: 'Decode segmentation polygons and RLE to per-object masks (needed by the pointing game with useMasks).' })),
    difficultList: Type.Optional(
      Type.String({
        minLength: 1,
        description: "TorchRay's pointing_game_ebp_coco_difficult.txt (file name without extension, then 80 flags): the pairs the pointing game's subset 'difficult' scores.",
      }),
    ),
  },
  { additionalProperties: false },
);

type CocoSchemaOptions = Static<typeof cocoSchema>;

export const cocoDefaults: Required<Pick<CocoSchemaOptions, 'masks'>> = { masks: true };

/** The options as `create` receives them: masks filled in; difficultList stays optional. */
export type CocoOptions = CocoSchemaOptions & typeof cocoDefaults;
