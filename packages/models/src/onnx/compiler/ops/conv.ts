/**
 * Conv. The input gradient of a stride-1 convolution is again a convolution, with the kernel
 * flipped and its in/out channels swapped (per group) and the complementary padding; it runs as a
 * regular (fast, NCHWc) Conv. Strided convolutions use ConvTranspose with the same weights,
 * strides, dilations and groups. A following BatchNormalization's factor is folded into the
 * kernel. Constant kernels are transformed at compile time (kernel-transforms.ts); computed ones
 * with the same transforms as ONNX ops.
 */
import { scalar } from '../../proto/attributes.js';
import type { GradContext, OpRule } from './op-rule.js';
import { flipTransposeKernel, scaleOutputChannels } from './kernel-transforms.js';
import { isStatic, slidingWindow, transposedPads } from './shape-math.js';

function geometry(ctx: Parameters<OpRule['infer']>[0]) {
  const x = ctx.shape(0);
  const w = ctx.shape(1);
  if (x.length < 3) ctx.fail(`input must be N x C x spatial, got [${x}]`);
  if (!isStatic(w)) ctx.fail(`weight shape [${w}] must be static`);
  const window = slidingWindow(ctx, x.slice(2), w.slice(2));
  return { x, w, window };
}

export const conv: OpRule = {
  op: 'Conv',
  notes: 'groups, strides, dilations, pads, auto_pad',
  infer(ctx) {
    const { x, w, window } = geometry(ctx);
    return [{ shape: [x[0], w[0], ...window.output], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const incoming = ctx.needsGrad(0) ? ctx.gradOutputScaled(0) : undefined;
    if (!incoming) return;
    const g = incoming.gradient;
    const { x, w, window } = geometry(ctx);
    const dims = w as number[];
    const group = scalar(ctx.attributes.group, 1);
    const rank = window.kernel.length;
    const complementary = window.pads.map((p, i) => (window.kernel[i % rank] - 1) * window.dilations[i % rank] - p);
    const strideOne = window.strides.every((s) => s === 1) && complementary.every((p) => p >= 0);
    const scale = incoming.scale;
    const values = ctx.floatValues(1);
    let weight = ctx.input(1);
    let kernel: string | undefined;
    if (values && (!scale || scale.values)) {
      const scaled = scale ? scaleOutputChannels(values, dims, scale.values!) : values;
      if (strideOne) {
        const flipped = flipTransposeKernel(scaled, dims, group);
        kernel = ctx.weight('grad_kernel', flipped.data, flipped.dims);
      } else if (scale) {
        weight = ctx.weight('scaled_kernel', scaled, dims);
      }
    } else {
      if (scale) weight = ctx.g.node('Mul', [weight, ctx.g.node('Reshape', [scale.vector, ctx.int64s([-1, 1, ...window.kernel.map(() => 1)])])]);
      if (strideOne) kernel = flippedTransposedKernel(ctx, weight, dims, group);
    }
    if (kernel) {
      ctx.addGrad(0, ctx.g.node('Conv', [g, kernel], { group, kernel_shape: window.kernel, dilations: window.dilations, pads: complementary }));
      return;
    }
    const { pads, outputPadding } = transposedPads(window, x.slice(2) as number[]);
    const gradient = ctx.g.node('ConvTranspose', [g, weight], {
      group,
      kernel_shape: w.slice(2) as number[],
      strides: window.strides,
      dilations: window.dilations,
      pads,
      output_padding: outputPadding,
    });
    ctx.addGrad(0, gradient);
  },
};

/** W [M, C/g, k...] -> W' [C, M/g, k...] with W'[c, m] = flip(W[m, c]) within each group. */
function flippedTransposedKernel(ctx: GradContext, weight: string, dims: number[], group: number): string {
  const [m, cPerGroup, ...kernel] = dims;
  const spatial = kernel.map((_, i) => i + 2);
  let swapped: string;
  if (group === 1) {
    swapped = ctx.g.node('Transpose', [weight], { perm: [1, 0, ...spatial] });
  } else {
    const grouped = ctx.g.node('Reshape', [weight, ctx.int64s([group, m / group, cPerGroup, ...kernel])]);
    const perm = ctx.g.node('Transpose', [grouped], { perm: [0, 2, 1, ...spatial.map((a) => a + 1)] });
    swapped = ctx.g.node('Reshape', [perm, ctx.int64s([group * cPerGroup, m / group, ...kernel])]);
  }
  const starts = ctx.int64s(kernel.map(() => -1));
  const ends = ctx.int64s(kernel.map((k) => -k - 1));
  return ctx.g.node('Slice', [swapped, starts, ends, ctx.int64s(spatial), ctx.int64s(kernel.map(() => -1))]);
}
