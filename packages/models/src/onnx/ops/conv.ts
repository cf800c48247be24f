/** Conv: the input gradient is a ConvTranspose with the same weights, strides, dilations and groups. */
import { scalar } from '../attributes.js';
import type { OpRule } from './op-rule.js';
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
  infer(ctx) {
    const { x, w, window } = geometry(ctx);
    return [{ shape: [x[0], w[0], ...window.output], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const { x, w, window } = geometry(ctx);
    const { pads, outputPadding } = transposedPads(window, x.slice(2) as number[]);
    const gradient = ctx.g.node('ConvTranspose', [g, ctx.input(1)], {
      group: scalar(ctx.attributes.group, 1),
      kernel_shape: w.slice(2) as number[],
      strides: window.strides,
      dilations: window.dilations,
      pads,
      output_padding: outputPadding,
    });
    ctx.addGrad(0, gradient);
  },
};
