import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { decodeModel } from '../src/onnx/proto/onnx-proto.js';

/** Direct 2-D convolution of one image, stride 1, symmetric zero padding: the independent reference. */
function conv2d(x: Float32Array, c: number, h: number, w: number, weight: Float32Array, m: number, k: number, pad: number): Float32Array {
  const out = new Float32Array(m * h * w);
  for (let o = 0; o < m; o++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        let sum = 0;
        for (let ch = 0; ch < c; ch++)
          for (let a = 0; a < k; a++)
            for (let b = 0; b < k; b++) {
              const y = i + a - pad;
              const z = j + b - pad;
              if (y >= 0 && y < h && z >= 0 && z < w) sum += x[(ch * h + y) * w + z] * weight[((o * c + ch) * k + a) * k + b];
            }
        out[(o * h + i) * w + j] = sum;
      }
  return out;
}

describe('OnnxGraphBuilder', () => {
  it('builds a Conv-Relu-Gemm model whose onnxruntime output matches a direct computation', async () => {
    const g = new OnnxGraphBuilder({ opset: 13 });
    const x = g.input('x', [null, 2, 4, 4]);
    const wData = Float32Array.from({ length: 3 * 2 * 3 * 3 }, (_, i) => Math.sin(i + 1) * 0.5);
    const w = g.initializer('w', wData, [3, 2, 3, 3]);
    const conv = g.node('Conv', [x, w], { pads: [1, 1, 1, 1], kernel_shape: [3, 3] });
    const relu = g.node('Relu', [conv]);
    const flat = g.node('Flatten', [relu], { axis: 1 });
    const fcData = Float32Array.from({ length: 5 * 48 }, (_, i) => Math.cos(i) * 0.1);
    const fc = g.initializer('fc', fcData, [5, 48]);
    const bias = g.initializer('bias', Float32Array.from([1, 2, 3, 4, 5]), [5]);
    g.output(g.node('Gemm', [flat, fc, bias], { transB: 1, alpha: 1 }), 'logits');

    const session = await ort.InferenceSession.create(g.toBytes());
    const xData = Float32Array.from({ length: 32 }, (_, i) => (i % 7) / 7 - 0.3);
    const result = await session.run({ x: new ort.Tensor('float32', xData, [1, 2, 4, 4]) });
    await session.release();

    const hidden = conv2d(xData, 2, 4, 4, wData, 3, 3, 1).map((v) => Math.max(v, 0));
    const expected = [1, 2, 3, 4, 5].map((b, o) => hidden.reduce((s, v, i) => s + v * fcData[o * 48 + i], b));
    const logits = result.logits.data as Float32Array;
    expect(result.logits.dims).toEqual([1, 5]);
    expected.forEach((v, i) => expect(logits[i]).toBeCloseTo(v, 4));
  });

  it('writes float attributes as floats even when their value is a whole number', () => {
    const g = new OnnxGraphBuilder();
    const x = g.input('x', [1, 4]);
    g.output(g.node('LeakyRelu', [x], { alpha: 1 }), 'y');
    const attribute = decodeModel(g.toBytes()).graph!.node![0].attribute![0];
    expect(attribute).toMatchObject({ name: 'alpha', type: 1, f: 1 });
  });

  it('refuses to reuse a value name', () => {
    const g = new OnnxGraphBuilder();
    g.input('x', [1]);
    expect(() => g.input('x', [1])).toThrow(/already used/);
  });
});
