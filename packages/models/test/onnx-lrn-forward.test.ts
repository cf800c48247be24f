/**
 * The engine emits LRN as Mul, Conv, Add and Pow (onnxruntime's WebGPU provider has no LRN
 * kernel). Its values must equal onnxruntime's own LRN kernel on the original model: the gradient
 * checks alone would not notice a wrong formula, since their finite differences go through the
 * same emitted forward graph.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { loadBuilt, randomArray } from './onnx-support/gradcheck.js';

const [N, C, H, W] = [2, 7, 4, 5];

describe('LRN as emitted by the ONNX engine', () => {
  const cases = [
    { size: 5, alpha: 0.5, beta: 0.75, bias: 1 },
    { size: 3, alpha: 0.3, beta: 0.6, bias: 2 },
    { size: 1, alpha: 0.2, beta: 1.5, bias: 0.5 },
    { size: 9, alpha: 1e-4, beta: 0.75, bias: 1 }, // wider than half the channels
    // (onnxruntime's LRN kernel accepts odd sizes only.)
  ];
  for (const attributes of cases) {
    it(`gives onnxruntime's LRN values for ${JSON.stringify(attributes)}`, async () => {
      const g = new OnnxGraphBuilder({ opset: 17 });
      g.output(g.node('Flatten', [g.node('LRN', [g.input('x', ['N', C, H, W])], attributes)], { axis: 1 }), 'y');
      const x = randomArray(N * C * H * W, `lrn x ${attributes.size}`, 3);
      const session = await ort.InferenceSession.create(g.toBytes(), { executionProviders: ['cpu'] });
      const expected = (await session.run({ x: new ort.Tensor('float32', x, [N, C, H, W]) })).y.data as Float32Array;
      await session.release();
      const model = await loadBuilt(g, C * H * W);
      const [forward, { logits }] = [await model.forward(x, N), await model.vjp(x, N, new Float32Array(N * C * H * W).fill(1))];
      await model.dispose();
      const scale = Math.max(...expected.map(Math.abs));
      // Float32 round-off: sums of at most 9 squares, then x * d^-beta here vs x / d^beta there
      // (a few ulp of Pow); measured at most 1.04e-6 of the largest value.
      for (const actual of [forward, logits]) actual.forEach((v, i) => expect(Math.abs(v - expected[i]) / scale).toBeLessThan(3e-6));
    });
  }
});
