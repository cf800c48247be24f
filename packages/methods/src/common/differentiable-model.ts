/**
 * The view of a model that the mask optimisers use. It accepts Float64Array inputs too, so the
 * gradient tests can run whole objectives in float64 against a float64 toy model.
 *
 * A step's loss is a loss head on the logits (core's LossHead: RP's divergences, MP's target
 * probability, EP's reward). A model that compiles heads (Classifier.vjpWithHead) returns the
 * loss parts, the logits and the input gradient from one engine call; any other costs a forward
 * call, the head in JavaScript, and a vjp call (the two-call path, kept as the fallback).
 */
import { evaluateLossHead, type Activation, type Classifier, type LossHead } from '@saliency-bench/core';
import { asFloat32, type FloatArray } from '../math/floats.js';

export interface HeadGradient {
  logits: FloatArray;
  /** dL/dinput, NCHW. */
  gInput: FloatArray;
  /** [n, 5]: each row's loss parts (core's LOSS_HEAD_PARTS). */
  parts: FloatArray;
}

export interface DifferentiableModel {
  classes: number;
  activation: Activation;
  forward(x: FloatArray, n: number): Promise<FloatArray>;
  /** The loss head's parts, the logits and dL/dinput for a batch of n inputs. */
  lossGradient(x: FloatArray, n: number, head: LossHead): Promise<HeadGradient>;
}

/** forward, the head in JavaScript (float64), then vjp: for models without a compiled head. */
export async function twoCallLossGradient(model: Classifier, x: Float32Array, n: number, head: LossHead): Promise<HeadGradient> {
  const logits = await model.forward(x, n);
  const { parts, gLogits } = evaluateLossHead(head, logits, n, model.info.classes.length, model.info.activation);
  const { gInput } = await model.vjp(x, n, Float32Array.from(gLogits));
  return { logits, gInput, parts };
}

/** Wrap a Classifier; `oneCall: false` forces the two-call path (tests compare the two). */
export function differentiable(model: Classifier, options: { oneCall?: boolean } = {}): DifferentiableModel {
  const vjpWithHead = options.oneCall === false ? undefined : model.vjpWithHead?.bind(model);
  return {
    classes: model.info.classes.length,
    activation: model.info.activation,
    forward: (x, n) => model.forward(asFloat32(x), n),
    lossGradient: (x, n, head) => (vjpWithHead ? vjpWithHead(asFloat32(x), n, head) : twoCallLossGradient(model, asFloat32(x), n, head)),
  };
}
