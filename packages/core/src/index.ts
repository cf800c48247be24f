export type * from './types.js';
export type { JSONSchemaType } from './json-schema.js';
export { defineDataset, defineMethod, defineMetric, defineModel } from './define.js';
export { createRandom } from './random.js';
export { encodeNpy, decodeNpy } from './npy.js';
export { writeFileAtomic, appendLines } from './atomic-write.js';
export * from './image/index.js';
