export { OnnxGraphBuilder, type OnnxGraphBuilderOptions, type NodeOptions, type DimSpec, type ElementType } from './onnx/graph-builder.js';
export { loadOnnxClassifier, type OnnxClassifierOptions } from './onnx/onnx-classifier.js';
export { builtinModels } from './builtins.js';
