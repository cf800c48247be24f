/**
 * One-op models for the gradient tests: x [2, 4, 6, 6] -> op under test -> Flatten -> Gemm head,
 * so every case yields logits [2, 3]. Weights are seeded random numbers.
 */
import { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { randomArray } from './gradcheck.js';

export const CLASSES = 3;
export const INPUT = [4, 6, 6] as const;

export interface OpCase {
  name: string;
  opset?: number;
  /** Values per sample of the op's output (computed by hand; onnxruntime rejects a wrong one). */
  features: number;
  /** Builds the op(s) under test on x; returns the value the head reads. */
  build(g: OnnxGraphBuilder, x: string): string;
}

let weights = 0;
export function weight(g: OnnxGraphBuilder, dims: number[], scale = 0.5, offset = 0): string {
  const size = dims.reduce((a, b) => a * b, 1);
  const values = randomArray(size, `weight-${++weights}`, scale).map((v) => v + offset);
  return g.initializer(g.fresh('w'), values, dims);
}

/** The case's graph with a Flatten + Gemm head, as a model. */
export function opModel(test: OpCase): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder({ opset: test.opset ?? 13 });
  const x = g.input('x', ['N', ...INPUT]);
  const flat = g.node('Flatten', [test.build(g, x)], { axis: 1 });
  g.output(g.node('Gemm', [flat, weight(g, [test.features, CLASSES], 0.3), weight(g, [CLASSES], 0.1)]), 'logits');
  return g;
}
