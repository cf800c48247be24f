/**
 * Shape targets for Reshape and Expand as int64 constants instead of Shape nodes: onnxruntime's
 * WebGPU provider leaves Shape (and the shape arithmetic around it) to the CPU provider, so a
 * graph with Shape nodes does not run entirely on the GPU. Only the batch size is symbolic ('N');
 * Reshape writes it as 0 (copy the dimension from the reshaped tensor, whose axis 0 must then be
 * the batch too) and Expand as 1 (broadcast). Other symbolic dimensions fall back to Shape.
 */
import type { OnnxGraphBuilder } from '../graph-builder.js';
import type { Shape } from './op-rule.js';

/** The Reshape target `target` for a tensor of shape `data`. */
export function reshapeTarget(g: OnnxGraphBuilder, target: Shape, data: Shape, value: string): string {
  const symbolic = target.filter((d) => typeof d !== 'number');
  if (symbolic.length === 0) return g.constant(target as number[]);
  if (symbolic.length === 1 && target[0] === 'N' && data[0] === 'N') return g.constant([0, ...(target.slice(1) as number[])]);
  return g.node('Shape', [value]);
}

/** The Expand target that broadcasts a tensor (batch axis present) to `target`. */
export function expandTarget(g: OnnxGraphBuilder, target: Shape, value: string): string {
  if (target.every((d, i) => typeof d === 'number' || (i === 0 && d === 'N'))) return g.constant(target.map((d) => (typeof d === 'number' ? d : 1)));
  return g.node('Shape', [value]);
}
