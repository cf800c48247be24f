/**
 * BatchNormalization in inference mode (a per-channel scale) and LRN across channels
 * (Krizhevsky et al. 2012; ONNX LRN definition). The LRN channel-window sums run as a Conv over a
 * [N, 1, C, H*W] view, in the forward pass too (no LRN node: see lrn.forward).
 */
import { scalar } from '../../proto/attributes.js';
import type { EmitContext, OpRule } from './op-rule.js';
import { staticDim } from './shape-math.js';
import { reshapeTarget } from './static-shape.js';

const same: OpRule['infer'] = (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }];

export const batchNormalization: OpRule = {
  op: 'BatchNormalization',
  notes: 'inference',
  infer(ctx) {
    if (scalar(ctx.attributes.training_mode, 0) !== 0) ctx.fail('training_mode=1 is not supported; export the model in eval mode');
    return same(ctx);
  },
  forward(ctx) {
    if (ctx.node.outputs.slice(1).some((name) => name !== '')) ctx.fail('running-statistics outputs are not supported; export in eval mode');
    ctx.g.nodeOutputs('BatchNormalization', [0, 1, 2, 3, 4].map((i) => ctx.input(i)), { epsilon: { float: scalar(ctx.attributes.epsilon, 1e-5) } }, {
      outputs: [ctx.output(0)], name: ctx.node.name,
    });
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    // y = (x - mean) / sqrt(var + eps) * scale + bias, so dy/dx = scale / sqrt(var + eps) per channel.
    // Left pending: a preceding Conv folds it into its weights; anything else applies a Mul.
    const epsilon = scalar(ctx.attributes.epsilon, 1e-5);
    const ones = new Array(Math.max(0, ctx.shape(0).length - 2)).fill(1);
    const [scale, variance] = [ctx.floatValues(1), ctx.floatValues(4)];
    if (scale && variance) {
      const values = scale.map((s, c) => s / Math.sqrt(variance[c] + epsilon));
      const list = Array.from(values);
      ctx.addScaledGrad(0, g, { vector: ctx.floats(list), broadcast: ctx.floats(list, [values.length, ...ones]), values });
      return;
    }
    const std = ctx.g.node('Sqrt', [ctx.g.node('Add', [ctx.input(4), ctx.floats([epsilon], [])])]);
    const vector = ctx.g.node('Div', [ctx.input(1), std]);
    ctx.addScaledGrad(0, g, { vector, broadcast: ctx.g.node('Reshape', [vector, ctx.int64s([-1, ...ones])]) });
  },
};

/** Sums a [N, C, ...] tensor over a channel window [c - before, c + after] with a Conv of ones. */
function channelWindowSum(ctx: EmitContext, value: string, channels: number, before: number, after: number): string {
  const view = ctx.g.node('Reshape', [value, ctx.g.constant([0, 1, channels, -1])]);
  const size = before + after + 1;
  const ones = ctx.g.constant(new Array(size).fill(1), [1, 1, size, 1], 'float32');
  const summed = ctx.g.node('Conv', [view, ones], { kernel_shape: [size, 1], pads: [before, 0, after, 0] });
  return ctx.g.node('Reshape', [summed, reshapeTarget(ctx.g, ctx.shape(0), [ctx.shape(0)[0], 1, channels, -1], value)]);
}

interface LrnSettings {
  channels: number;
  size: number;
  alpha: number;
  beta: number;
  bias: number;
  /** The window [c - before, c + after] of channel c. */
  before: number;
  after: number;
}

function lrnSettings(ctx: EmitContext): LrnSettings {
  const size = scalar(ctx.attributes.size, 0);
  return {
    channels: staticDim(ctx, ctx.shape(0)[1], 'the channel count'),
    size,
    alpha: scalar(ctx.attributes.alpha, 1e-4),
    beta: scalar(ctx.attributes.beta, 0.75),
    bias: scalar(ctx.attributes.bias, 1),
    before: Math.floor((size - 1) / 2),
    after: Math.ceil((size - 1) / 2),
  };
}

/** d = bias + alpha/size * S(x^2), S summing the channel window of each channel. */
function lrnDenominator(ctx: EmitContext, lrn: LrnSettings): string {
  const x = ctx.input(0);
  const squares = channelWindowSum(ctx, ctx.g.node('Mul', [x, x]), lrn.channels, lrn.before, lrn.after);
  const scaled = ctx.g.node('Mul', [squares, ctx.g.constant([lrn.alpha / lrn.size], [], 'float32')]);
  return ctx.g.node('Add', [scaled, ctx.g.constant([lrn.bias], [], 'float32')]);
}

export const lrn: OpRule = {
  op: 'LRN',
  infer(ctx) {
    if (ctx.shape(0).length < 3) ctx.fail('LRN needs an N x C x spatial input');
    return same(ctx);
  },
  // Emitted as y = x * d^-beta from Mul, Conv, Reshape, Add and Pow rather than as an LRN node:
  // onnxruntime's WebGPU provider has no LRN kernel (it would run on the CPU provider).
  forward(ctx) {
    const settings = lrnSettings(ctx);
    const d = lrnDenominator(ctx, settings);
    ctx.remember('denominator', d);
    const scale = ctx.g.node('Pow', [d, ctx.g.constant([-settings.beta], [], 'float32')]);
    ctx.remember('scale', scale);
    ctx.g.nodeOutputs('Mul', [ctx.input(0), scale], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const settings = lrnSettings(ctx);
    const { size, alpha, beta, before, after } = settings;
    const x = ctx.input(0);
    // y = x * d^-beta with d = bias + alpha/size * S(x^2); S sums channels [c - before, c + after].
    // dx = g * d^-beta - 2 alpha beta / size * x * S^T(g * y / d), S^T sums [c - after, c + before].
    const d = ctx.recall('denominator') ?? lrnDenominator(ctx, settings);
    const scale = ctx.recall('scale') ?? ctx.g.node('Pow', [d, ctx.floats([-beta], [])]);
    const direct = ctx.g.node('Mul', [g, scale]);
    const inner = ctx.g.node('Div', [ctx.g.node('Mul', [g, ctx.output(0)]), d]);
    const spread = channelWindowSum(ctx, inner, settings.channels, after, before);
    const cross = ctx.g.node('Mul', [ctx.g.node('Mul', [x, spread]), ctx.floats([(2 * alpha * beta) / size], [])]);
    ctx.addGrad(0, ctx.g.node('Sub', [direct, cross]));
  },
};
