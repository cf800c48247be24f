import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { encodeModel } from '../src/onnx/proto/onnx-proto.js';
import { needsChannelPadding, padConvChannelsForWebGpu } from '../src/onnx/compiler/webgpu-conv-channels.js';
import { randomArray } from './onnx-support/gradcheck.js';

describe('the WebGPU Conv channel workaround', () => {
  it('picks exactly the Conv shapes measured wrong on the WebGPU provider', () => {
    expect(needsChannelPadding([8, 6, 3, 3], 1)).toBe(true);
    expect(needsChannelPadding([4, 9, 2, 2], 1)).toBe(true);
    expect(needsChannelPadding([8, 3, 3, 3], 1)).toBe(false); // RGB stems are exact
    expect(needsChannelPadding([8, 12, 3, 3], 1)).toBe(false);
    expect(needsChannelPadding([6, 6, 3, 3], 1)).toBe(false); // outputs not a multiple of 4
    expect(needsChannelPadding([8, 6, 1, 1], 1)).toBe(false); // 1x1 kernels are exact
    expect(needsChannelPadding([8, 6, 3, 3], 2)).toBe(false);
  });

  it('leaves the Conv result unchanged (run on the CPU provider)', async () => {
    const g = new OnnxGraphBuilder({ opset: 17 });
    const x = g.input('x', [2, 6, 5, 5]);
    const w = g.initializer('w', randomArray(8 * 6 * 9, 'w'), [8, 6, 3, 3]);
    g.output(g.node('Conv', [x, w, g.initializer('b', randomArray(8, 'b'), [8])], { pads: [1, 1, 1, 1], strides: [2, 2] }), 'y');
    const model = g.toModelProto();
    const original = encodeModel(model);
    expect(padConvChannelsForWebGpu(model)).toBe(1);
    expect(model.graph!.node!.map((n) => n.opType)).toEqual(['Pad', 'Pad', 'Conv']);
    const feeds = { x: new ort.Tensor('float32', randomArray(2 * 6 * 25, 'x'), [2, 6, 5, 5]) };
    const run = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
      const y = (await session.run(feeds)).y.data as Float32Array;
      await session.release();
      return y;
    };
    const [before, after] = [await run(original), await run(encodeModel(model))];
    // Only zero products were added: the same float32 sums up to summation order.
    before.forEach((v, i) => expect(Math.abs(v - after[i])).toBeLessThan(1e-5));
  });
});
