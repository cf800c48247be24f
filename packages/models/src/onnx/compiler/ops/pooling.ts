/**
 * Average pooling (MaxPool is in max-pool.ts). AveragePool spreads the gradient with a depthwise
 * ConvTranspose of ones, divided by each window's divisor; GlobalAveragePool expands it.
 */
import { DataType } from '../../proto/onnx-proto.js';
import type { GradContext, OpRule } from './op-rule.js';
import { staticDim, transposedPads } from './shape-math.js';
import { poolWindow, pooledShape } from './pool-window.js';
import { expandTarget } from './static-shape.js';

/** Number of window cells inside the input, per output position along one axis. */
function validCounts(size: number, out: number, kernel: number, stride: number, padBegin: number): number[] {
  return Array.from({ length: out }, (_, o) => {
    const start = o * stride - padBegin;
    return Math.max(0, Math.min(start + kernel, size) - Math.max(start, 0));
  });
}

export const averagePool: OpRule = {
  op: 'AveragePool',
  notes: 'count_include_pad, ceil_mode, pads',
  infer: (ctx) => [{ shape: pooledShape(ctx), dataType: ctx.dataType(0) }],
  grad(ctx: GradContext) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const channels = staticDim(ctx, ctx.shape(0)[1], 'the channel count');
    const { window, spatial } = poolWindow(ctx);
    if (window.dilations.some((d) => d !== 1)) ctx.fail('dilated AveragePool is not supported');
    // The pool is A = D^-1 S (S: window sum, D: divisor). 1/D = AveragePool(ones) / S(ones), computed
    // by onnxruntime itself so that its divisor convention (pads, ceil_mode) is matched exactly.
    const counts = window.output.map((out, i) => validCounts(spatial[i], out, window.kernel[i], window.strides[i], window.pads[i]));
    const sums = new Float32Array(window.output.reduce((a, b) => a * b, 1)).fill(1);
    let stride = sums.length;
    counts.forEach((axisCounts, i) => {
      stride /= window.output[i];
      for (let k = 0; k < sums.length; k++) sums[k] *= Math.max(1, axisCounts[Math.floor(k / stride) % window.output[i]]);
    });
    const onesShape = ctx.int64s([1, 1, ...spatial]);
    const ones = ctx.g.node('ConstantOfShape', [onesShape], { value: { dataType: DataType.FLOAT, dims: [1], floatData: [1] } });
    const averaged = ctx.g.node('AveragePool', [ones], ctx.attributes);
    const inverseDivisor = ctx.g.node('Div', [averaged, ctx.floats(Array.from(sums), [1, 1, ...window.output])]);
    const scaled = ctx.g.node('Mul', [g, inverseDivisor]);
    const kernel = ctx.floats(new Array(channels * window.kernel.reduce((a, b) => a * b, 1)).fill(1), [channels, 1, ...window.kernel]);
    const { pads, outputPadding } = transposedPads(window, spatial);
    ctx.addGrad(0, ctx.g.node('ConvTranspose', [scaled, kernel], {
      group: channels, kernel_shape: window.kernel, strides: window.strides, pads, output_padding: outputPadding,
    }));
  },
};

export const globalAveragePool: OpRule = {
  op: 'GlobalAveragePool',
  infer(ctx) {
    const x = ctx.shape(0);
    return [{ shape: [...x.slice(0, 2), ...x.slice(2).map(() => 1)], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const area = ctx.shape(0).slice(2).reduce<number>((a, d) => a * staticDim(ctx, d, 'the spatial size'), 1);
    const scaled = ctx.g.node('Mul', [g, ctx.floats([1 / area], [])]);
    ctx.addGrad(0, ctx.g.node('Expand', [scaled, expandTarget(ctx.g, ctx.shape(0), ctx.input(0))]));
  },
};
