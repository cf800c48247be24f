/**
 * The contract of one operator: shape inference, optional constant folding, forward emission
 * (default: the node as is) and the gradient rule with respect to its inputs (never weights).
 */
import type { Attributes } from '../../proto/attributes.js';
import type { OnnxGraphBuilder } from '../graph-builder.js';
import type { TensorProto } from '../../proto/onnx-proto.js';
import type { GraphNode } from '../model-graph.js';

/** A dimension: a size or a symbol ('N' is the batch size). */
export type Dim = number | string;
export type Shape = Dim[];

/** A value known at compile time: decoded `values` (may hold 'N') and/or the original proto. */
export interface ConstTensor {
  dataType: number;
  dims: number[];
  values?: Dim[];
  proto?: TensorProto;
}

/** A per-channel factor: a [C] vector value, its [C, 1, ...] view, and its values when known. */
export interface PendingScale {
  vector: string;
  broadcast: string;
  values?: Float32Array;
}

export interface TensorFacts {
  shape: Shape;
  dataType: number;
}

export interface InferContext {
  node: GraphNode;
  attributes: Attributes;
  opset: number;
  /** Number of inputs present (trailing optional inputs may be absent). */
  has(index: number): boolean;
  shape(index: number): Shape;
  dataType(index: number): number;
  /** The compile-time value of an input, if it is constant. */
  constant(index: number): ConstTensor | undefined;
  /** The numeric values of a constant input; throws naming the node when it is not constant. */
  ints(index: number, what: string): number[];
  /** The values of a compile-time tensor, decoded when it is small enough to fold (else undefined). */
  decode(constant: ConstTensor): Dim[] | undefined;
  fail(message: string): never;
}

export interface EmitContext extends InferContext {
  g: OnnxGraphBuilder;
  /** The emitted name of input `index` ('' when absent); constants are materialized on demand. */
  input(index: number): string;
  output(index: number): string;
  outputShape(index: number): Shape;
  /** Emits the node unchanged (attributes and inputs as in the source model). */
  emitAsIs(attributes?: Attributes): void;
  /** Whether a gradient will flow back through this node (rules may then keep extra outputs). */
  differentiable: boolean;
  /** Stores a name the node's grad rule needs later (e.g. MaxPool's Indices output). */
  remember(key: string, name: string): void;
}

export interface GradContext extends EmitContext {
  /** The gradient flowing into output `index`, or undefined when none reaches it. */
  gradOutput(index: number): string | undefined;
  /**
   * The output gradient with a pending per-channel scale [C] left unapplied, for rules that can
   * fold it into their weights (Conv after BatchNormalization).
   */
  gradOutputScaled(index: number): { gradient: string; scale?: PendingScale } | undefined;
  /** Whether input `index` depends on the differentiated input. */
  needsGrad(index: number): boolean;
  addGrad(index: number, gradient: string): void;
  /** Adds gradient * scale, a per-channel factor applied later (or folded into a Conv's weights). */
  addScaledGrad(index: number, gradient: string, scale: PendingScale): void;
  /** The float32 values of a constant input (weights), or undefined when it is computed or external. */
  floatValues(index: number): Float32Array | undefined;
  /** Adds a float32 weight computed at compile time; returns its name. */
  weight(prefix: string, data: Float32Array, dims: readonly number[]): string;
  /** A float32 scalar or tensor constant. */
  floats(values: readonly number[], dims?: readonly number[]): string;
  /** An int64 constant vector (axes, shapes, pads). */
  int64s(values: readonly number[]): string;
  /** Sums `gradient` (of the node's output shape) down to input `index`'s shape (broadcasting). */
  unbroadcast(gradient: string, gradientShape: Shape, index: number): string;
  /** A name stored by the forward emission of this node. */
  recall(key: string): string | undefined;
}

export interface OpRule {
  /** The ONNX operator type the rule handles (default domain). */
  op: string;
  /** What of the operator is supported, where not all of it is (the docs' op list shows it). */
  notes?: string;
  infer(ctx: InferContext): TensorFacts[];
  /** Compile-time evaluation when every input is constant; undefined leaves the node in the graph. */
  fold?(ctx: InferContext): ConstTensor[] | undefined;
  forward?(ctx: EmitContext): void;
  /** Without a grad rule the op is only allowed where no gradient flows through it. */
  grad?(ctx: GradContext): void;
}

/** The operator table every compiler stage takes: op type -> rule. */
export type OpTable = ReadonlyMap<string, OpRule>;

/** A table from rules, each under the op it names; an op named twice is a programming error. */
export function opTable(rules: readonly OpRule[]): OpTable {
  const table = new Map<string, OpRule>();
  for (const rule of rules) {
    if (table.has(rule.op)) throw new Error(`two rules for the ONNX operator ${rule.op}`);
    table.set(rule.op, rule);
  }
  return table;
}
