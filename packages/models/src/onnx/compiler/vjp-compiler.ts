/**
 * The VJP compiler: from an analyzed graph, emits one ONNX model with inputs (x, gTarget) and
 * outputs (target, [activation,] gradient) where gradient = d sum(gTarget * target) / d wrt.
 * Forward nodes are re-emitted (folded constants materialized, old-opset forms rewritten to the
 * emitted opset), then each op's grad rule runs in reverse topological order. Initializers are
 * the original TensorProto objects: their bytes are written once, never copied in JS.
 */
import type { AnalyzedGraph } from './graph-analysis.js';
import { OnnxGraphBuilder } from './graph-builder.js';
import { DataType, type ModelProto, type TensorProto } from '../proto/onnx-proto.js';
import type { GradContext, OpTable, Shape } from './ops/op-rule.js';
import { initializerFloats } from './fold-batch-norm.js';
import { makeTensor } from '../proto/tensor-data.js';
import { activeNodes } from './active-nodes.js';
import { ForwardEmitter } from './forward-emitter.js';
import { GradientSums } from './gradient-sums.js';
import { reshapeTarget } from './ops/static-shape.js';
import { emitLossHead, type HeadInputs } from './loss-head-graph.js';

export interface VjpRequest {
  /** The value to differentiate (the logits). */
  target: string;
  /** Differentiate with respect to this value (default: the graph input). */
  wrt?: string;
  /** Emit only the forward pass (no gradient input or output). */
  forwardOnly?: boolean;
  /** Where compile-time weights go (default: inline in the model). */
  weights?: WeightStore;
  /**
   * Also emit the loss head (loss-head-graph.ts) on the target, with the model's output
   * activation: extra inputs for its arrays and an output of its parts. Float32 [N, K] targets only;
   * precision float64 except where the provider lacks it (WebGPU).
   */
  head?: { activation: 'sigmoid' | 'softmax'; precision: 'float32' | 'float64' };
}

/** Keeps compile-time weights out of JS memory: written at once, read back per tensor. */
export interface WeightStore {
  add(name: string, data: Float32Array, dims: readonly number[]): TensorProto;
  /** The values of a tensor this store wrote, or undefined for any other tensor. */
  read(tensor: TensorProto): Float32Array | undefined;
}

export interface CompiledVjp {
  model: ModelProto;
  input: string;
  gradTarget: string;
  target: string;
  /** The wrt value itself, output when wrt is not the input. */
  activation?: string;
  gradient: string;
  /** Present when the head was emitted: its input names and its parts output. */
  head?: { inputs: HeadInputs; precision: 'float32' | 'float64'; parts: string };
}

/** The emitted opset: 17 or the source opset if later (one operator version set for all rules). */
export function emittedOpset(sourceOpset: number): number {
  return Math.max(17, sourceOpset);
}

export function compileVjp(analyzed: AnalyzedGraph, rules: OpTable, request: VjpRequest): CompiledVjp {
  const { graph, facts } = analyzed;
  const wrt = request.wrt ?? analyzed.input;
  const { differentiable, active } = activeNodes(analyzed, rules, wrt, request.target);
  const g = new OnnxGraphBuilder({ opset: emittedOpset(graph.opset), name: 'vjp' });
  g.reserve([analyzed.input, ...facts.keys(), ...graph.nodes.flatMap((n) => [n.name, ...n.outputs])]);
  const dims = (shape: Shape) => shape.map((d) => (typeof d === 'number' ? d : d === 'N' ? 'N' : null));
  g.input(analyzed.input, dims(facts.get(analyzed.input)!.shape));
  const targetFacts = facts.get(request.target);
  if (!targetFacts) throw new Error(`${graph.source}: no value named "${request.target}"`);
  const gradTarget = request.forwardOnly ? '' : g.input(g.fresh(`grad_${request.target}`), dims(targetFacts.shape));
  const forward = new ForwardEmitter(analyzed, rules, g, request.forwardOnly ? new Set() : differentiable);
  forward.emitAll();
  g.output(request.target, request.target, targetFacts.dataType === DataType.DOUBLE ? 'float64' : 'float32');
  if (request.forwardOnly) return { model: g.toModelProto(), input: analyzed.input, gradTarget, target: request.target, gradient: '' };

  const sums = new GradientSums(g);
  const twoDimensional = targetFacts.shape.length === 2 && typeof targetFacts.shape[1] === 'number';
  const emitted = request.head && twoDimensional && targetFacts.dataType === DataType.FLOAT
    ? emitLossHead(g, request.target, gradTarget, dims(targetFacts.shape), request.head.activation, request.head.precision)
    : undefined;
  // With a head, its gradient includes gradTarget (the `logit` weight).
  sums.add(request.target, emitted ? emitted.gradient : gradTarget);
  for (const node of [...analyzed.nodes].reverse()) {
    if (!differentiable.has(node)) continue;
    const base = forward.context(node);
    const ctx: GradContext = {
      ...base,
      gradOutput: (i) => sums.total(node.outputs[i]),
      gradOutputScaled: (i) => sums.scaled(node.outputs[i]),
      needsGrad: (i) => base.has(i) && active.has(node.inputs[i]),
      addGrad: (i, gradient) => sums.add(node.inputs[i], gradient),
      addScaledGrad: (i, gradient, scale) => sums.add(node.inputs[i], gradient, scale),
      floatValues(i) {
        const proto = analyzed.constants.get(node.inputs[i])?.proto;
        return initializerFloats(proto) ?? (proto && request.weights?.read(proto));
      },
      weight(prefix, data, shape) {
        const name = g.fresh(prefix);
        return g.tensor(request.weights ? request.weights.add(name, data, shape) : makeTensor(name, DataType.FLOAT, shape, data));
      },
      floats: (values, shape = [values.length]) => g.constant(values, shape, 'float32'),
      int64s: (values) => g.constant(values),
      unbroadcast(gradient, gradientShape, i) {
        const shape = base.shape(i);
        const lead = gradientShape.length - shape.length;
        const axes = gradientShape.flatMap((d, k) => (k < lead || (shape[k - lead] === 1 && d !== 1) ? [k] : []));
        if (axes.length === 0) return gradient;
        const summed = g.node('ReduceSum', [gradient, g.constant(axes)], { keepdims: 1 });
        return lead > 0 ? g.node('Reshape', [summed, reshapeTarget(g, shape, gradientShape, base.input(i))]) : summed;
      },
      recall: (key) => forward.recall(node, key),
    };
    rules.get(node.opType)!.grad!(ctx);
  }
  const gradient = sums.total(wrt);
  if (!gradient) throw new Error(`${graph.source}: "${request.target}" does not depend on "${wrt}"`);
  const activation = wrt === analyzed.input ? undefined : wrt;
  if (activation) g.output(activation);
  const gradientName = g.fresh(`grad_${wrt}`);
  g.output(gradient, gradientName);
  const head = emitted && { inputs: emitted.inputs, precision: emitted.precision, parts: g.output(emitted.parts, g.fresh('head_parts')) };
  return { model: g.toModelProto(), input: analyzed.input, gradTarget, target: request.target, activation, gradient: gradientName, head };
}
