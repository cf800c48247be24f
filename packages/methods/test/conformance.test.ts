/** Every built-in method that needs a model passes the same conformance suite (small settings). */
import { builtinMethods } from '../src/builtins.js';
import { describeConformance } from './conformance.js';

describeConformance({ name: 'rp', plugin: builtinMethods.rp, options: { iterations: 4, imageSize: 12 } });
describeConformance({ name: 'mp (official)', plugin: builtinMethods.mp, options: { preset: 'official', iterations: 4, maskScale: 4 } });
describeConformance({ name: 'mp (pytorch-port)', plugin: builtinMethods.mp, options: { preset: 'pytorch-port', iterations: 4, maskScale: 4 } });
describeConformance({ name: 'ep', plugin: builtinMethods.ep, options: { iterations: 4, areas: [0.1, 0.3], step: 4, sigma: 6, maxBlur: 4 } });
describeConformance({ name: 'ep (dual, contrastive)', plugin: builtinMethods.ep, options: { iterations: 3, variant: 'dual', reward: 'contrastive', score: 'probability', step: 4, sigma: 6 } });
describeConformance({ name: 'rise', plugin: builtinMethods.rise, options: { masks: 64, batch: 16 } });
describeConformance({ name: 'gradient', plugin: builtinMethods.gradient, options: {} });
describeConformance({ name: 'gradcam', plugin: builtinMethods.gradcam, options: { layer: 'features' } });
