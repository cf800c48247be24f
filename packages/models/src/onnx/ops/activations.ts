/** Pointwise activations: the gradient is the output gradient times the local derivative. */
import { scalar } from '../attributes.js';
import type { GradContext, OpRule } from './op-rule.js';

const same: OpRule['infer'] = (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }];

/** Runs `rule` only when a gradient reaches output 0 and input 0 needs one. */
function gradient(rule: (ctx: GradContext, g: string) => string): OpRule['grad'] {
  return (ctx) => {
    const g = ctx.gradOutput(0);
    if (g && ctx.needsGrad(0)) ctx.addGrad(0, rule(ctx, g));
  };
}

export const relu: OpRule = {
  infer: same,
  grad: gradient((ctx, g) => {
    // Measured on onnxruntime 1.30 CPU: Greater + Where is as fast as Mul(g, Sign(y)), Mul(g, Cast(y > 0))
    // or Mul(g, HardSigmoid(1e30 y)), and exact.
    const positive = ctx.g.node('Greater', [ctx.output(0), ctx.floats([0], [])]);
    return ctx.g.node('Where', [positive, g, ctx.floats([0], [])]);
  }),
};

export const leakyRelu: OpRule = {
  infer: same,
  grad: gradient((ctx, g) => {
    const alpha = scalar(ctx.attributes.alpha, 0.01);
    const positive = ctx.g.node('Greater', [ctx.input(0), ctx.floats([0], [])]);
    return ctx.g.node('Where', [positive, g, ctx.g.node('Mul', [g, ctx.floats([alpha], [])])]);
  }),
};

/** Clip bounds: attributes before opset 11, optional inputs from 11 on. */
function clipBounds(ctx: GradContext): [string, string] {
  if (ctx.opset < 11) {
    return [ctx.floats([scalar(ctx.attributes.min, -3.4028234663852886e38)], []), ctx.floats([scalar(ctx.attributes.max, 3.4028234663852886e38)], [])];
  }
  return [ctx.has(1) ? ctx.input(1) : ctx.floats([-3.4028234663852886e38], []), ctx.has(2) ? ctx.input(2) : ctx.floats([3.4028234663852886e38], [])];
}

export const clip: OpRule = {
  infer: same,
  forward(ctx) {
    if (ctx.opset >= 11) return ctx.emitAsIs();
    const [min, max] = clipBounds(ctx as GradContext);
    ctx.g.nodeOutputs('Clip', [ctx.input(0), min, max], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad: gradient((ctx, g) => {
    // Same convention as PyTorch's clamp: the gradient passes where min <= x <= max.
    const [min, max] = clipBounds(ctx);
    const inside = ctx.g.node('And', [ctx.g.node('GreaterOrEqual', [ctx.input(0), min]), ctx.g.node('LessOrEqual', [ctx.input(0), max])]);
    return ctx.g.node('Where', [inside, g, ctx.floats([0], [])]);
  }),
};

export const sigmoid: OpRule = {
  infer: same,
  grad: gradient((ctx, g) => {
    const y = ctx.output(0);
    return ctx.g.node('Mul', [g, ctx.g.node('Mul', [y, ctx.g.node('Sub', [ctx.floats([1], []), y])])]);
  }),
};

export const tanh: OpRule = {
  infer: same,
  grad: gradient((ctx, g) => {
    const y = ctx.output(0);
    return ctx.g.node('Mul', [g, ctx.g.node('Sub', [ctx.floats([1], []), ctx.g.node('Mul', [y, y])])]);
  }),
};

/** Identity and inference-mode Dropout pass values and gradients through unchanged. */
export const identity: OpRule = {
  infer: (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }],
  fold: (ctx) => (ctx.constant(0) ? [ctx.constant(0)!] : undefined),
  forward(ctx) {
    if (ctx.node.outputs.slice(1).some((name) => name !== '')) ctx.fail('the Dropout mask output is not supported');
    ctx.g.nodeOutputs('Identity', [ctx.input(0)], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad: gradient((_ctx, g) => g),
};
