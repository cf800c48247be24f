export { builtinDatasets } from './builtins.js';
export {
  createSyntheticDataset,
  renderSyntheticSample,
  syntheticSampleId,
  type SyntheticDataset,
} from './synthetic/synthetic-dataset.js';
export { resolveSyntheticOptions, syntheticDefaults, syntheticSchema, type SyntheticOptions, type SyntheticSplit } from './synthetic/options.js';
export { SYNTHETIC_CLASSES } from './synthetic/classes.js';
export { DIFFICULT_MIN_AREA_FRACTION, DIFFICULT_MIN_VISIBLE_FRACTION } from './synthetic/annotate.js';
export { VOC_CLASSES } from './voc/voc-classes.js';
export { createVocDataset } from './voc/voc-dataset.js';
export { parseVocAnnotation } from './voc/voc-annotation.js';
export { createCocoDataset } from './coco/coco-dataset.js';
export { readCocoIndex, indexCoco } from './coco/coco-index.js';
export { decodeRleString, rleToMask } from './coco/coco-rle.js';
export { polygonsToMask } from './coco/polygon-mask.js';
export { createImageFolderDataset } from './imagefolder/imagefolder-dataset.js';
export { decodeImage } from './files/decode-image.js';
export { readDifficultList } from './files/difficult-list.js';
