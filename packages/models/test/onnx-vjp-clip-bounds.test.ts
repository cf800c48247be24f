/**
 * Clip's gradient at its bounds. Finite differences cannot see this (a kink), so the expected
 * gradients are written out by hand: Clip -> Flatten -> Gemm with known weights, so
 * dL/dx_i = (W gLogits)_i where min < x_i < max and 0 elsewhere, including x_i == min and
 * x_i == max (torch's ReLU6/hardtanh backward and tf.nn.relu6's gradient; torch.clamp would pass
 * the gradient at the bounds).
 */
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { loadBuilt } from './onnx-support/gradcheck.js';

// One image of 1 x 2 x 4: below min, exactly min, inside (three), exactly max, above max, max again.
const X = Float32Array.from([-1, 0, 0.25, 3, 5.5, 6, 7.5, 6]);
const FEATURES = X.length;
const CLASSES = 2;
// Gemm weights [features, classes]; row i holds (i + 1, -(i + 1) / 2).
const W = Float32Array.from(Array.from({ length: FEATURES }, (_, i) => [i + 1, -(i + 1) / 2]).flat());
const G_LOGITS = Float32Array.from([1, 4]);

function relu6Model(opset: number, boundsAsInputs: boolean): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder({ opset });
  const x = g.input('x', ['N', 1, 2, 4]);
  const clipped = boundsAsInputs
    ? g.node('Clip', [x, g.constant([0], [], 'float32'), g.constant([6], [], 'float32')])
    : g.node('Clip', [x], { min: 0, max: 6 });
  const flat = g.node('Flatten', [clipped], { axis: 1 });
  g.output(g.node('Gemm', [flat, g.initializer('w', W, [FEATURES, CLASSES]), g.initializer('b', new Float32Array(CLASSES), [CLASSES])]), 'logits');
  return g;
}

/** (W gLogits)_i where 0 < x_i < 6, else 0. */
function expectedGradient(): number[] {
  return Array.from(X, (x, i) => (x > 0 && x < 6 ? W[2 * i] * G_LOGITS[0] + W[2 * i + 1] * G_LOGITS[1] : 0));
}

describe("Clip's input gradient at its bounds", () => {
  for (const [opset, boundsAsInputs, form] of [
    [13, true, 'bounds as inputs (opset 11+)'],
    [10, false, 'bounds as attributes (opset < 11)'],
  ] as const) {
    it(`is 0 at exactly min and max and passes strictly inside, with ${form}`, async () => {
      const model = await loadBuilt(relu6Model(opset, boundsAsInputs), CLASSES);
      const { logits, gInput } = await model.vjp(X, 1, G_LOGITS);
      await model.dispose();
      // The forward pass clips as ReLU6 does: logit 0 = sum (i + 1) clip(x_i, 0, 6).
      const clipped = Array.from(X, (x) => Math.min(6, Math.max(0, x)));
      expect(logits[0]).toBeCloseTo(clipped.reduce((sum, v, i) => sum + (i + 1) * v, 0), 4);
      // Hand values: inside entries 2, 3, 4 get (i + 1)(1 - 4/2) = -(i + 1); the rest 0.
      expect(expectedGradient()).toEqual([0, 0, -3, -4, -5, 0, 0, 0]);
      expect(Array.from(gInput)).toEqual(expectedGradient());
    });
  }
});
