/**
 * The VJP compiler: from an analyzed graph, emits one ONNX model with inputs (x, gTarget) and
 * outputs (target, [activation,] gradient) where gradient = d sum(gTarget * target) / d wrt.
 * Forward nodes are re-emitted (folded constants materialized, old-opset forms rewritten to the
 * emitted opset), then each op's grad rule runs in reverse topological order. Initializers are
 * the original TensorProto objects: their bytes are written once, never copied in JS.
 */
import type { AnalyzedGraph } from './graph-analysis.js';
import { OnnxGraphBuilder } from './graph-builder.js';
import type { GraphNode } from './model-graph.js';
import { DataType, type ModelProto } from './onnx-proto.js';
import type { EmitContext, GradContext, Shape } from './ops/op-rule.js';
import { opRules } from './ops/index.js';
import { inferContext } from './graph-analysis.js';
import { makeTensor } from './tensor-data.js';
import { activeNodes } from './active-nodes.js';

export interface VjpRequest {
  /** The value to differentiate (the logits). */
  target: string;
  /** Differentiate with respect to this value (default: the graph input). */
  wrt?: string;
  /** Emit only the forward pass (no gradient input or output). */
  forwardOnly?: boolean;
}

export interface CompiledVjp {
  model: ModelProto;
  input: string;
  gradTarget: string;
  target: string;
  /** The wrt value itself, output when wrt is not the input. */
  activation?: string;
  gradient: string;
}

/** The emitted opset: ScatterElements with reduction (MaxPool's gradient) needs 16+. */
export function emittedOpset(sourceOpset: number): number {
  return Math.max(17, sourceOpset);
}

export function compileVjp(analyzed: AnalyzedGraph, request: VjpRequest): CompiledVjp {
  const { graph, facts, constants } = analyzed;
  const wrt = request.wrt ?? analyzed.input;
  const { differentiable, active } = activeNodes(analyzed, wrt, request.target);
  const g = new OnnxGraphBuilder({ opset: emittedOpset(graph.opset), name: 'vjp' });
  const names = new Set<string>([analyzed.input, ...facts.keys(), ...graph.nodes.flatMap((n) => [n.name, ...n.outputs])]);
  g.reserve(names);
  const emitted = new Set<string>(['']);
  const dims = (shape: Shape) => shape.map((d) => (typeof d === 'number' ? d : d === 'N' ? 'N' : null));
  g.input(analyzed.input, dims(facts.get(analyzed.input)!.shape));
  emitted.add(analyzed.input);
  const targetFacts = facts.get(request.target);
  if (!targetFacts) throw new Error(`${graph.source}: no value named "${request.target}"`);
  const gradTarget = request.forwardOnly ? '' : g.input(g.fresh(`grad_${request.target}`), dims(targetFacts.shape));

  const materialize = (name: string, where: GraphNode): string => {
    if (emitted.has(name)) return name;
    const constant = constants.get(name);
    if (!constant) throw new Error(`${graph.source}: node "${where.name}" reads "${name}", which was never computed`);
    if (constant.proto) {
      g.tensor(constant.proto.name === name ? constant.proto : { ...constant.proto, name });
    } else {
      if (constant.values!.some((v) => typeof v !== 'number')) {
        throw new Error(`${graph.source}: node "${where.name}" (${where.opType}) reads "${name}", a shape that depends on the batch size, which is only supported as a Reshape target`);
      }
      g.tensor(makeTensor(name, constant.dataType, constant.dims, constant.values as number[]));
    }
    emitted.add(name);
    return name;
  };

  const memory = new Map<GraphNode, Map<string, string>>();
  const emitContext = (node: GraphNode): EmitContext => {
    const base = inferContext(node, graph, facts, constants);
    return {
      ...base,
      g,
      input: (i) => (base.has(i) ? materialize(node.inputs[i], node) : ''),
      output: (i) => node.outputs[i],
      outputShape: (i) => facts.get(node.outputs[i])!.shape,
      emitAsIs(attributes = node.attributes) {
        let outputs = node.outputs;
        while (outputs.length > 1 && outputs[outputs.length - 1] === '') outputs = outputs.slice(0, -1);
        g.nodeOutputs(node.opType, node.inputs.map((_, i) => this.input(i)), attributes, { outputs, name: node.name });
      },
      differentiable: differentiable.has(node),
      remember(key, name) {
        if (!memory.has(node)) memory.set(node, new Map());
        memory.get(node)!.set(key, name);
      },
    };
  };

  for (const node of analyzed.nodes) {
    const ctx = emitContext(node);
    const rule = opRules.get(node.opType)!;
    if (rule.forward) rule.forward(ctx);
    else ctx.emitAsIs();
    node.outputs.forEach((name) => emitted.add(name));
  }
  if (request.forwardOnly) {
    g.output(request.target);
    return { model: g.toModelProto(), input: analyzed.input, gradTarget, target: request.target, gradient: '' };
  }

  // Gradient contributions per value; a contribution may carry a pending per-channel scale
  // (BatchNormalization) that a Conv grad folds into its weights instead of a Mul pass.
  const grads = new Map<string, Contribution[]>([[request.target, [{ gradient: gradTarget }]]]);
  const materialized = (c: Contribution): string => (c.scale ? g.node('Mul', [c.gradient, c.scale.broadcast]) : c.gradient);
  const total = (name: string): string | undefined => {
    const parts = grads.get(name);
    if (!parts || parts.length === 0) return undefined;
    if (parts.length > 1 || parts[0].scale) grads.set(name, [{ gradient: parts.length > 1 ? g.node('Sum', parts.map(materialized)) : materialized(parts[0]) }]);
    return grads.get(name)![0].gradient;
  };
  const push = (name: string, contribution: Contribution) => grads.set(name, [...(grads.get(name) ?? []), contribution]);
  for (const node of [...analyzed.nodes].reverse()) {
    if (!differentiable.has(node)) continue;
    const rule = opRules.get(node.opType)!;
    const base = emitContext(node);
    const ctx: GradContext = {
      ...base,
      gradOutput: (i) => total(node.outputs[i]),
      gradOutputScaled(i) {
        const parts = grads.get(node.outputs[i]);
        if (parts && parts.length === 1) return { gradient: parts[0].gradient, scale: parts[0].scale?.vector };
        const gradient = total(node.outputs[i]);
        return gradient ? { gradient } : undefined;
      },
      needsGrad: (i) => base.has(i) && active.has(node.inputs[i]),
      addGrad: (i, gradient) => push(node.inputs[i], { gradient }),
      addScaledGrad: (i, gradient, vector, broadcast) => push(node.inputs[i], { gradient, scale: { vector, broadcast } }),
      floats: (values, shape = [values.length]) => g.constant(values, shape, 'float32'),
      int64s: (values) => g.constant(values),
      unbroadcast(gradient, gradientShape, i) {
        const shape = base.shape(i);
        const lead = gradientShape.length - shape.length;
        const axes = gradientShape.flatMap((d, k) => (k < lead || (shape[k - lead] === 1 && d !== 1) ? [k] : []));
        if (axes.length === 0) return gradient;
        const summed = g.node('ReduceSum', [gradient, g.constant(axes)], { keepdims: 1 });
        return lead > 0 ? g.node('Reshape', [summed, g.node('Shape', [this.input(i)])]) : summed;
      },
      recall: (key) => memory.get(node)?.get(key),
    };
    rule.grad!(ctx);
  }
  const gradient = total(wrt);
  if (!gradient) throw new Error(`${graph.source}: "${request.target}" does not depend on "${wrt}"`);
  g.output(request.target, request.target, dataTypeName(targetFacts.dataType));
  const activation = wrt === analyzed.input ? undefined : wrt;
  if (activation) g.output(activation);
  const gradientName = g.fresh(`grad_${wrt}`);
  g.output(gradient, gradientName);
  return { model: g.toModelProto(), input: analyzed.input, gradTarget, target: request.target, activation, gradient: gradientName };
}

interface Contribution {
  gradient: string;
  /** Per-channel factor still to apply: as a [C] vector and broadcastable to the value. */
  scale?: { vector: string; broadcast: string };
}

function dataTypeName(dataType: number): 'float32' | 'float64' {
  return dataType === DataType.DOUBLE ? 'float64' : 'float32';
}
