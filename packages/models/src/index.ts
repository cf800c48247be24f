export { OnnxGraphBuilder, type OnnxGraphBuilderOptions, type NodeOptions, type DimSpec, type ElementType } from './onnx/graph-builder.js';
