/**
 * Tie routing of the MaxPool gradient, checked against onnxruntime's own choice: a model
 * x -> MaxPool -> Flatten (its logits are the pooled values), an input of small integers (most
 * windows hold several equal maxima), and the expected gradient scattered from the Indices output
 * of a plain CPU MaxPool session: g lands on the cell onnxruntime picked, overlapping windows add.
 */
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { loadBuilt, randomArray } from './gradcheck.js';

export const TIE_CASES: [string, Record<string, number[] | number>][] = [
  ['3x3 stride 2 with pads (ResNet stem)', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
  ['3x3 stride 2 with ceil_mode (SqueezeNet)', { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }],
  ['3x3 stride 1 with pads (Inception branch)', { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] }],
  ['2x2 stride 2 (VGG)', { kernel_shape: [2, 2], strides: [2, 2] }],
  ['2x2 stride 1 with dilations 2', { kernel_shape: [2, 2], dilations: [2, 2] }],
];

const SHAPE = [2, 3, 7, 7];

/** Largest |vjp - expected| over the input, and how many windows held tied maxima. */
export async function tieRoutingError(attributes: Record<string, number[] | number>, providers: string[]): Promise<{ error: number; tiedWindows: number }> {
  const x = randomArray(SHAPE.reduce((a, b) => a * b), `ties ${JSON.stringify(attributes)}`, 1).map((v) => Math.round(v));
  const plain = new OnnxGraphBuilder({ opset: 13 });
  const [pooled, indices] = plain.nodeOutputs('MaxPool', [plain.input('x', SHAPE)], attributes, { outputs: 2 });
  plain.output(pooled);
  plain.output(indices, indices, 'int64');
  const session = await ort.InferenceSession.create(plain.toBytes(), { executionProviders: ['cpu'] });
  const out = await session.run({ x: new ort.Tensor('float32', x, SHAPE) });
  await session.release();
  const picked = out[indices].data as BigInt64Array;
  const maxima = out[pooled].data as Float32Array;
  const perItem = picked.length / SHAPE[0];

  const g = new OnnxGraphBuilder({ opset: 13 });
  g.output(g.node('Flatten', [g.node('MaxPool', [g.input('x', ['N', ...SHAPE.slice(1)])], attributes)]), 'logits');
  const model = await loadBuilt(g, perItem, { executionProviders: providers });
  const gLogits = randomArray(picked.length, 'tie gradient');
  const { gInput } = await model.vjp(x, SHAPE[0], gLogits);
  await model.dispose();

  const expected = new Float64Array(x.length);
  picked.forEach((index, k) => (expected[Number(index)] += gLogits[k]));
  let error = 0;
  expected.forEach((value, i) => (error = Math.max(error, Math.abs(value - gInput[i]))));
  const tiedWindows = countTiedWindows(x, maxima, attributes);
  return { error, tiedWindows };
}

/** Windows (2-D, as in TIE_CASES) in which the maximum occurs more than once. */
function countTiedWindows(x: Float32Array, maxima: Float32Array, a: Record<string, number[] | number>): number {
  const [n, c, h, w] = SHAPE;
  const [kh, kw] = a.kernel_shape as number[];
  const [sh, sw] = (a.strides as number[] | undefined) ?? [1, 1];
  const [dh, dw] = (a.dilations as number[] | undefined) ?? [1, 1];
  const [ph, pw] = (a.pads as number[] | undefined) ?? [0, 0];
  const outH = Math.round(Math.sqrt(maxima.length / (n * c)));
  let tied = 0;
  for (let plane = 0; plane < n * c; plane++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outH; ox++) {
        let hits = 0;
        for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) {
          const y = oy * sh - ph + ky * dh;
          const xx = ox * sw - pw + kx * dw;
          if (y >= 0 && y < h && xx >= 0 && xx < w && x[(plane * h + y) * w + xx] === maxima[(plane * outH + oy) * outH + ox]) hits++;
        }
        if (hits > 1) tied++;
      }
    }
  }
  return tied;
}
