/**
 * Folds inference-mode BatchNormalization into the Conv that feeds it (W' = W s, b' = (b - mean) s
 * + beta, s = scale / sqrt(var + eps)) before compiling; the new weights go to the weight store
 * (the derived-weights file of ModelDirectory) at once. onnxruntime would
 * do the same fusion at load, keeping the original kernels alive next to the fused ones while it
 * does; folding here lowers the peak memory of the sessions, and the gradient reuses W'.
 */
import { scalar } from '../proto/attributes.js';
import type { GraphNode, ModelGraph } from './model-graph.js';
import { DataType, type TensorProto } from '../proto/onnx-proto.js';
import { scaleOutputChannels } from './ops/kernel-transforms.js';
import { makeTensor, tensorDims } from '../proto/tensor-data.js';
import type { WeightStore } from './vjp-compiler.js';

/** Float32 values of an inline FLOAT initializer (a view when aligned), else undefined. */
export function initializerFloats(tensor: TensorProto | undefined): Float32Array | undefined {
  if (!tensor || tensor.dataType !== DataType.FLOAT || tensor.dataLocation === 1) return undefined;
  const raw = tensor.rawData;
  if (raw && raw.byteLength > 0) {
    if (raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    return new Float32Array(new Uint8Array(raw).buffer); // copies: Buffer.slice would be a view
  }
  return tensor.floatData ? Float32Array.from(tensor.floatData) : undefined;
}

/** Folds every foldable Conv -> BatchNormalization pair; `keep` names values that must survive. */
export function foldBatchNorms(graph: ModelGraph, store?: WeightStore, keep: ReadonlySet<string> = new Set()): ModelGraph {
  const consumers = new Map<string, number>();
  for (const node of graph.nodes) for (const name of node.inputs) consumers.set(name, (consumers.get(name) ?? 0) + 1);
  for (const output of graph.outputs) consumers.set(output.name ?? '', (consumers.get(output.name ?? '') ?? 0) + 1);
  const producer = new Map<string, GraphNode>();
  for (const node of graph.nodes) for (const name of node.outputs) producer.set(name, node);
  const removed = new Set<GraphNode>();
  const weight = (name: string | undefined) => (name ? initializerFloats(graph.initializers.get(name)) : undefined);
  for (const bn of graph.nodes) {
    if (bn.opType !== 'BatchNormalization' || bn.domain !== '' || scalar(bn.attributes.training_mode, 0) !== 0) continue;
    if (bn.outputs.slice(1).some((name) => name !== '')) continue;
    const conv = producer.get(bn.inputs[0]);
    if (!conv || conv.opType !== 'Conv' || consumers.get(bn.inputs[0]) !== 1) continue;
    if (keep.has(bn.inputs[0]) || keep.has(conv.name) || keep.has(bn.name)) continue;
    const [w, b] = [weight(conv.inputs[1]), conv.inputs[2] ? weight(conv.inputs[2]) : undefined];
    const [gamma, beta, mean, variance] = bn.inputs.slice(1).map(weight);
    if (!w || (conv.inputs[2] && !b) || !gamma || !beta || !mean || !variance) continue;
    const dims = tensorDims(graph.initializers.get(conv.inputs[1])!);
    const epsilon = scalar(bn.attributes.epsilon, 1e-5);
    const factor = gamma.map((g, c) => g / Math.sqrt(variance[c] + epsilon));
    const bias = factor.map((s, c) => ((b ? b[c] : 0) - mean[c]) * s + beta[c]);
    const names = [`${conv.name}_folded_w`, `${conv.name}_folded_b`];
    const add = (name: string, data: Float32Array, shape: number[]) => (store ? store.add(name, data, shape) : makeTensor(name, DataType.FLOAT, shape, data));
    graph.initializers.set(names[0], add(names[0], scaleOutputChannels(w, dims, factor), dims));
    graph.initializers.set(names[1], add(names[1], bias, [bias.length]));
    conv.inputs = [conv.inputs[0], ...names];
    conv.outputs = [bn.outputs[0]];
    removed.add(bn);
  }
  graph.nodes = graph.nodes.filter((node) => !removed.has(node));
  return graph;
}
