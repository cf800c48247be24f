/**
 * The gradient contributions that reach each value during the backward pass. Several
 * contributions are summed once, when a rule first reads them. A contribution may carry a
 * pending per-channel scale (from BatchNormalization) that a Conv rule folds into its weights;
 * any other reader gets it applied with a Mul.
 */
import type { OnnxGraphBuilder } from './graph-builder.js';
import type { PendingScale } from './ops/op-rule.js';

interface Contribution {
  gradient: string;
  /** Per-channel factor still to apply. */
  scale?: PendingScale;
}

export class GradientSums {
  private readonly parts = new Map<string, Contribution[]>();

  constructor(private readonly g: OnnxGraphBuilder) {}

  add(value: string, gradient: string, scale?: Contribution['scale']): void {
    this.parts.set(value, [...(this.parts.get(value) ?? []), { gradient, scale }]);
  }

  private applied(c: Contribution): string {
    return c.scale ? this.g.node('Mul', [c.gradient, c.scale.broadcast]) : c.gradient;
  }

  /** The full gradient of `value`, or undefined when nothing reached it. */
  total(value: string): string | undefined {
    const parts = this.parts.get(value);
    if (!parts || parts.length === 0) return undefined;
    if (parts.length > 1 || parts[0].scale) {
      // A chain of Adds, not one Sum node: onnxruntime's WebGPU provider has no Sum kernel. The
      // CPU provider's Sum adds its inputs in the same left-to-right order.
      const gradient = parts.map((c) => this.applied(c)).reduce((sum, next) => this.g.node('Add', [sum, next]));
      this.parts.set(value, [{ gradient }]);
    }
    return this.parts.get(value)![0].gradient;
  }

  /** The gradient with a lone contribution's pending scale left for the caller to fold. */
  scaled(value: string): { gradient: string; scale?: PendingScale } | undefined {
    const parts = this.parts.get(value);
    if (parts && parts.length === 1) return { gradient: parts[0].gradient, scale: parts[0].scale };
    const gradient = this.total(value);
    return gradient ? { gradient } : undefined;
  }
}
