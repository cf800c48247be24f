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
