/** The conformance suite again, on a real onnxruntime-node session (the project's ONNX engine), one variant per built-in. */
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { describeConformance } from './conformance.js';
import { loadOnnxCnn } from './helpers/onnx-cnn.js';

const model = (size: number, classes: number) => loadOnnxCnn({ size, classes });

/** Fewer iterations than the toy suite: a real session costs more per call. Model-free methods have none. */
const onnxSettings = {
  rp: { iterations: 3, imageSize: 16 },
  mp: { iterations: 3, maskScale: 4 },
  ep: { iterations: 3, step: 4, sigma: 6 },
  rise: { masks: 48, batch: 16 },
  gradient: {},
  gradcam: { layer: 'features' },
  center: null,
  random: null,
} satisfies Record<BuiltinMethodName, Record<string, unknown> | null>;

for (const [name, options] of Object.entries(onnxSettings) as [BuiltinMethodName, Record<string, unknown> | null][]) {
  if (options) describeConformance({ name: `${name} on ONNX`, model, plugin: builtinMethods[name], options });
}
