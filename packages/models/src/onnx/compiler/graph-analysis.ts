/**
 * Walks the graph once in topological order: infers every value's shape (the batch size stays
 * the symbol 'N'), folds constant subgraphs (Shape/Gather/Unsqueeze/Concat chains of older
 * exporters), and rejects unsupported operators at load time, naming the op and the node.
 */
import type { Attributes } from '../proto/attributes.js';
import type { GraphNode, ModelGraph } from './model-graph.js';
import { DataType } from '../proto/onnx-proto.js';
import type { ConstTensor, Dim, InferContext, OpTable, Shape, TensorFacts } from './ops/op-rule.js';
import { unsupportedOperatorMessage } from './ops/op-list.js';
import { tensorDims, tensorValues } from '../proto/tensor-data.js';

/** Constants up to this many elements are decoded for folding; larger ones stay protos. */
const DECODE_LIMIT = 4096;

export interface AnalyzedGraph {
  graph: ModelGraph;
  input: string;
  facts: Map<string, TensorFacts>;
  constants: Map<string, ConstTensor>;
  /** Nodes that remain after folding, in topological order. */
  nodes: GraphNode[];
}

export function decodedValues(constant: ConstTensor): Dim[] | undefined {
  if (!constant.values && constant.proto && constant.dims.reduce((a, b) => a * b, 1) <= DECODE_LIMIT) {
    constant.values = tensorValues(constant.proto);
  }
  return constant.values;
}

export function inferContext(
  node: GraphNode,
  graph: ModelGraph,
  facts: Map<string, TensorFacts>,
  constants: Map<string, ConstTensor>,
): InferContext {
  const where = `${graph.source}: node "${node.name}" (${node.opType})`;
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  const known = (index: number): TensorFacts => {
    const name = node.inputs[index];
    const fact = facts.get(name);
    return fact ?? fail(`input ${index} ("${name}") has no known shape`);
  };
  return {
    node,
    attributes: node.attributes as Attributes,
    opset: graph.opset,
    has: (index) => index < node.inputs.length && node.inputs[index] !== '',
    shape: (index) => known(index).shape,
    dataType: (index) => known(index).dataType,
    constant: (index) => constants.get(node.inputs[index]),
    ints(index, what) {
      const constant = constants.get(node.inputs[index]);
      const values = constant && decodedValues(constant);
      if (!values) return fail(`${what} (input ${index}) must be a constant: a computed ${what} is not supported`);
      if (values.some((v) => typeof v !== 'number')) return fail(`${what} depends on the batch size, which is not supported`);
      return values as number[];
    },
    decode: decodedValues,
    fail,
  };
}

export function analyzeGraph(graph: ModelGraph, input: string, inputShape: Shape, rules: OpTable): AnalyzedGraph {
  const facts = new Map<string, TensorFacts>();
  const constants = new Map<string, ConstTensor>();
  facts.set(input, { shape: inputShape, dataType: DataType.FLOAT });
  for (const [name, proto] of graph.initializers) {
    const dims = tensorDims(proto);
    const dataType = proto.dataType ?? DataType.FLOAT;
    facts.set(name, { shape: dims, dataType });
    constants.set(name, { dataType, dims, proto });
  }
  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    const rule = node.domain === '' ? rules.get(node.opType) : undefined;
    if (!rule) throw new Error(unsupportedOperatorMessage(graph.source, node, rules));
    const ctx = inferContext(node, graph, facts, constants);
    const present = node.inputs.filter((name) => name !== '');
    const foldable = present.every((name) => constants.has(name)) || node.opType === 'Shape';
    const folded = foldable && rule.fold ? rule.fold(ctx) : undefined;
    if (folded) {
      folded.forEach((constant, i) => {
        constants.set(node.outputs[i], constant);
        facts.set(node.outputs[i], { shape: constant.dims, dataType: constant.dataType });
      });
      continue;
    }
    const outputs = rule.infer(ctx);
    outputs.forEach((fact, i) => {
      if (i < node.outputs.length && node.outputs[i] !== '') facts.set(node.outputs[i], fact);
    });
    nodes.push(node);
  }
  return { graph, input, facts, constants, nodes };
}

