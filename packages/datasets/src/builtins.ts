/** Built-in datasets, loaded lazily by name (sharp and the XML parser load only when one is used). */
export const builtinDatasets = {
  synthetic: () => import('./synthetic/plugin.js').then((m) => m.syntheticPlugin),
  voc: () => import('./voc/voc-plugin.js').then((m) => m.vocPlugin),
  coco: () => import('./coco/coco-plugin.js').then((m) => m.cocoPlugin),
  imagefolder: () => import('./imagefolder/imagefolder-plugin.js').then((m) => m.imageFolderPlugin),
} as const;
