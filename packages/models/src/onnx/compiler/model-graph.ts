/**
 * An ONNX model as a plain graph: nodes with decoded attributes, initializers kept as the original
 * TensorProto objects (their raw bytes are views into the file buffer), and the inputs/outputs.
 */
import { decodeAttributes, type Attributes } from '../proto/attributes.js';
import { decodeModel, toNumber, type ModelProto, type TensorProto, type ValueInfoProto } from '../proto/onnx-proto.js';

export interface GraphNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Attributes;
}

export interface ModelGraph {
  /** Where the model came from, for error messages. */
  source: string;
  /** Default-domain opset version. */
  opset: number;
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers: Map<string, TensorProto>;
  nodes: GraphNode[];
}

function parseBytes(bytes: Uint8Array, source: string): ModelProto {
  let proto: ModelProto;
  try {
    proto = decodeModel(bytes);
  } catch (error) {
    throw new Error(`${source}: not a valid ONNX model (the protobuf could not be decoded: ${(error as Error).message}); check that the file is a complete .onnx export`);
  }
  if (!proto.graph || !proto.graph.node || proto.graph.node.length === 0 || !proto.opsetImport || proto.opsetImport.length === 0) {
    throw new Error(`${source}: not a valid ONNX model (no graph nodes or no opset import); check that the file is a complete .onnx export`);
  }
  return proto;
}

/** Decodes a model; throws a message naming `source` when the bytes are not an ONNX model. */
export function readModelGraph(bytes: Uint8Array, source: string): ModelGraph {
  const proto = parseBytes(bytes, source);
  const graph = proto.graph!;
  const defaultOpset = proto.opsetImport!.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!defaultOpset) throw new Error(`${source}: the model imports no default-domain (ai.onnx) opset`);
  const initializers = new Map<string, TensorProto>();
  for (const tensor of graph.initializer ?? []) initializers.set(tensor.name ?? '', tensor);
  const nodes = (graph.node ?? []).map((node, index): GraphNode => ({
    name: node.name || `${node.opType}_${index}`,
    opType: node.opType ?? '',
    domain: node.domain === 'ai.onnx' ? '' : (node.domain ?? ''),
    inputs: [...(node.input ?? [])],
    outputs: [...(node.output ?? [])],
    attributes: decodeAttributes(node.attribute),
  }));
  return {
    source,
    opset: toNumber(defaultOpset.version),
    // Older exporters list initializers among the graph inputs too; those are not real inputs.
    inputs: (graph.input ?? []).filter((info) => !initializers.has(info.name ?? '')),
    outputs: graph.output ?? [],
    initializers,
    nodes: sortTopologically(nodes, new Set([...(graph.input ?? []).map((i) => i.name ?? ''), ...initializers.keys()]), source),
  };
}

/** ONNX requires topological order, but some tools break it: order nodes by their dependencies. */
function sortTopologically(nodes: GraphNode[], available: Set<string>, source: string): GraphNode[] {
  const ready = new Set(available);
  ready.add('');
  const ordered: GraphNode[] = [];
  let pending = nodes;
  while (pending.length > 0) {
    const next: GraphNode[] = [];
    for (const node of pending) {
      if (node.inputs.every((name) => ready.has(name))) {
        ordered.push(node);
        node.outputs.forEach((name) => ready.add(name));
      } else {
        next.push(node);
      }
    }
    if (next.length === pending.length) {
      const missing = next[0].inputs.find((name) => !ready.has(name));
      throw new Error(`${source}: node "${next[0].name}" (${next[0].opType}) reads "${missing}", which no node, input or initializer defines`);
    }
    pending = next;
  }
  return ordered;
}
