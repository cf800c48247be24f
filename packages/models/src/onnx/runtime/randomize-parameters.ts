/**
 * Model parameter randomisation, the sanity check of Adebayo et al. (NeurIPS 2018): re-initialise
 * the weights of the last k parameterised layers (or all of them), cascading from the output down.
 *
 * Parameterised layers are the nodes that carry learned weights as initializers: Conv,
 * ConvTranspose, Gemm and MatMul, in graph (topological) order; "the last k" are the k nearest the
 * output. Every float initializer of such a node (weight and bias) is replaced by independent draws
 * from a normal distribution with that tensor's own mean and standard deviation: shape, mean and
 * scale stay as trained, the learned structure is gone. Normalisation layers (BatchNormalization)
 * keep their statistics, so activations stay in range. The draws come from the project's seeded
 * PRNG keyed by (seed, tensor name): the same seed gives the same randomised model.
 */
import { createRandom } from '@saliency-bench/core';
import { decodeModel, encodeModel, DataType, type NodeProto, type TensorProto } from '../proto/onnx-proto.js';
import { makeTensor, tensorDims, tensorValues } from '../proto/tensor-data.js';
import type { RandomizeOptions } from '../onnx-options.js';

export type { RandomizeOptions } from '../onnx-options.js';

export const PARAMETERIZED_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

export interface RandomizedModel {
  bytes: Uint8Array;
  /** The re-initialised layers (node names), from the output down. */
  layers: string[];
  /** How many parameterised layers the model has. */
  available: number;
}

export function randomizeParameters(bytes: Uint8Array, options: RandomizeOptions, source: string): RandomizedModel {
  const model = decodeModel(bytes);
  const graph = model.graph;
  if (!graph) throw new Error(`${source}: not a valid ONNX model (no graph)`);
  const initializers = new Map((graph.initializer ?? []).map((t, i) => [t.name ?? '', i]));
  const floatWeights = (node: NodeProto) => (node.input ?? []).filter((name) => {
    const index = initializers.get(name);
    return index !== undefined && graph.initializer![index].dataType === DataType.FLOAT;
  });
  const parameterized = (graph.node ?? []).filter((node) => PARAMETERIZED_OPS.has(node.opType ?? '') && floatWeights(node).length > 0);
  const count = options.layers === 'all' ? parameterized.length : options.layers;
  if (count > parameterized.length) {
    throw new Error(`${source}: randomize.layers is ${count} but the model has only ${parameterized.length} parameterised layers (Conv, ConvTranspose, Gemm, MatMul); use at most ${parameterized.length} or "all"`);
  }
  const chosen = parameterized.slice(parameterized.length - count).reverse();
  const done = new Set<string>();
  for (const node of chosen) {
    for (const name of floatWeights(node)) {
      if (done.has(name)) continue;
      done.add(name);
      const index = initializers.get(name)!;
      graph.initializer![index] = reinitialize(graph.initializer![index], options.seed, source);
    }
  }
  return { bytes: encodeModel(model), layers: chosen.map((node, i) => node.name || `${node.opType}#${parameterized.length - 1 - i}`), available: parameterized.length };
}

function reinitialize(tensor: TensorProto, seed: number, source: string): TensorProto {
  if (tensor.dataLocation === 1) {
    throw new Error(`${source}: weight "${tensor.name}" is stored as external data; randomisation needs the weights inside the .onnx file (re-save it with onnx.save(model, save_as_external_data=False))`);
  }
  const values = tensorValues(tensor);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  const random = createRandom(seed, 'randomize-parameters', tensor.name ?? '');
  const fresh = random.fillNormal(new Float32Array(values.length), mean, std);
  return makeTensor(tensor.name ?? '', DataType.FLOAT, tensorDims(tensor), fresh);
}
