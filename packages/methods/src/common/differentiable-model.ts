/**
 * The view of a model that the mask optimisers use. It accepts Float64Array inputs too, so the
 * gradient tests can run whole objectives in float64 against a float64 toy model.
 *
 * `gradientOf` needs dL/dlogits, which for the methods' nonlinear losses depends on the logits
 * themselves; Classifier.vjp takes dL/dlogits up front, so a Classifier costs a forward call and
 * then a vjp call. A model that can take the loss head directly (`vjpWith`) does it in one.
 */
import type { Classifier } from '@saliency-bench/core';
import type { Activation } from '../math/activation.js';
import { asFloat32, type FloatArray } from '../math/floats.js';

export interface DifferentiableModel {
  classes: number;
  activation: Activation;
  forward(x: FloatArray, n: number): Promise<FloatArray>;
  /** Logits and J^T g where g = head(logits) (the loss gradient with respect to the logits). */
  vjpWith(
    x: FloatArray,
    n: number,
    head: (logits: FloatArray) => FloatArray,
  ): Promise<{ logits: FloatArray; gInput: FloatArray }>;
}

/** Wrap a Classifier: forward, then vjp with the head's gradient. */
export function differentiable(model: Classifier): DifferentiableModel {
  return {
    classes: model.info.classes.length,
    activation: model.info.activation,
    forward: (x, n) => model.forward(asFloat32(x), n),
    async vjpWith(x, n, head) {
      const input = asFloat32(x);
      const logits = await model.forward(input, n);
      const { gInput } = await model.vjp(input, n, asFloat32(head(logits)));
      return { logits, gInput };
    },
  };
}
