/**
 * `@saliency-bench/core/testing`: checks that the packages' tests share and runs never use
 * (not part of the main entry point).
 */
export { pluginShapeProblems, type PluginShapeExpectation } from './testing/plugin-shape.js';
