/** The conformance suite again, on a real onnxruntime-node session (the project's ONNX engine). */
import { builtinMethods } from '../src/builtins.js';
import { describeConformance } from './conformance.js';
import { loadOnnxCnn } from './helpers/onnx-cnn.js';

const model = (size: number, classes: number) => loadOnnxCnn({ size, classes });

describeConformance({ name: 'rp on ONNX', model, plugin: builtinMethods.rp, options: { iterations: 3, imageSize: 16 } });
describeConformance({ name: 'mp on ONNX', model, plugin: builtinMethods.mp, options: { iterations: 3, maskScale: 4 } });
describeConformance({ name: 'ep on ONNX', model, plugin: builtinMethods.ep, options: { iterations: 3, step: 4, sigma: 6 } });
describeConformance({ name: 'rise on ONNX', model, plugin: builtinMethods.rise, options: { masks: 48, batch: 16 } });
describeConformance({ name: 'gradient on ONNX', model, plugin: builtinMethods.gradient, options: {} });
describeConformance({ name: 'gradcam on ONNX', model, plugin: builtinMethods.gradcam, options: { layer: 'features' } });
