/** Pointwise activations: the gradient is the output gradient times the local derivative. */
import { scalar } from '../../proto/attributes.js';
import type { EmitContext, GradContext, OpRule } from './op-rule.js';

const FLOAT32_MAX = 3.4028234663852886e38;

const same: OpRule['infer'] = (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }];

/** Runs `rule` only when a gradient reaches output 0 and input 0 needs one. */
function gradient(rule: (ctx: GradContext, g: string) => string): OpRule['grad'] {
  return (ctx) => {
    const g = ctx.gradOutput(0);
    if (g && ctx.needsGrad(0)) ctx.addGrad(0, rule(ctx, g));
  };
}

export const relu: OpRule = {
  op: 'Relu',
  infer: same,
  grad: gradient((ctx, g) => {
    // Measured on onnxruntime 1.30 CPU: Greater + Where is as fast as Mul(g, Sign(y)), Mul(g, Cast(y > 0))
    // or Mul(g, HardSigmoid(1e30 y)), and exact.
    const positive = ctx.g.node('Greater', [ctx.output(0), ctx.floats([0], [])]);
    return ctx.g.node('Where', [positive, g, ctx.floats([0], [])]);
  }),
};

export const leakyRelu: OpRule = {
  op: 'LeakyRelu',
  infer: same,
  grad: gradient((ctx, g) => {
    const alpha = scalar(ctx.attributes.alpha, 0.01);
    const positive = ctx.g.node('Greater', [ctx.input(0), ctx.floats([0], [])]);
    return ctx.g.node('Where', [positive, g, ctx.g.node('Mul', [g, ctx.floats([alpha], [])])]);
  }),
};

/** Clip bounds as float32 values: attributes before opset 11, optional inputs from 11 on. */
function clipBounds(ctx: EmitContext): [string, string] {
  const bound = (value: number) => ctx.g.constant([value], [], 'float32');
  if (ctx.opset < 11) return [bound(scalar(ctx.attributes.min, -FLOAT32_MAX)), bound(scalar(ctx.attributes.max, FLOAT32_MAX))];
  return [ctx.has(1) ? ctx.input(1) : bound(-FLOAT32_MAX), ctx.has(2) ? ctx.input(2) : bound(FLOAT32_MAX)];
}

export const clip: OpRule = {
  op: 'Clip',
  infer: same,
  forward(ctx) {
    if (ctx.opset >= 11) return ctx.emitAsIs();
    const [min, max] = clipBounds(ctx);
    ctx.g.nodeOutputs('Clip', [ctx.input(0), min, max], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad: gradient((ctx, g) => {
    // The gradient passes only strictly inside (min, max), 0 at x == min and x == max: how the
    // layers that export to Clip in classifiers differentiate (torch's ReLU6/hardtanh,
    // tf.nn.relu6). torch.clamp would also pass it at the bounds; Relu's rule is 0 at 0 too.
    const [min, max] = clipBounds(ctx);
    const inside = ctx.g.node('And', [ctx.g.node('Greater', [ctx.input(0), min]), ctx.g.node('Less', [ctx.input(0), max])]);
    return ctx.g.node('Where', [inside, g, ctx.floats([0], [])]);
  }),
};

export const sigmoid: OpRule = {
  op: 'Sigmoid',
  infer: same,
  grad: gradient((ctx, g) => {
    const y = ctx.output(0);
    return ctx.g.node('Mul', [g, ctx.g.node('Mul', [y, ctx.g.node('Sub', [ctx.floats([1], []), y])])]);
  }),
};

export const tanh: OpRule = {
  op: 'Tanh',
  infer: same,
  grad: gradient((ctx, g) => {
    const y = ctx.output(0);
    return ctx.g.node('Mul', [g, ctx.g.node('Sub', [ctx.floats([1], []), ctx.g.node('Mul', [y, y])])]);
  }),
};

/** Identity and inference-mode Dropout pass values and gradients through unchanged. */
export const identity: OpRule = {
  op: 'Identity',
  infer: (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }],
  fold: (ctx) => (ctx.constant(0) ? [ctx.constant(0)!] : undefined),
  forward(ctx) {
    if (ctx.node.outputs.slice(1).some((name) => name !== '')) ctx.fail('the Dropout mask output is not supported');
    ctx.g.nodeOutputs('Identity', [ctx.input(0)], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad: gradient((_ctx, g) => g),
};

export const dropout: OpRule = { ...identity, op: 'Dropout', notes: 'inference mode' };
