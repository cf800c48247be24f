/**
 * MaxPool and its gradient without the Indices output (which onnxruntime's WebGPU provider does
 * not implement), in plain Slice, Equal, Mul, Pad and Reshape that every provider runs exactly.
 * For each window cell k, in row-major order over the kernel:
 *
 * 1. cell_k = Slice(x padded with the lowest float, start k, step = stride): the k-th cell of
 *    every pooling window. Padding cells never win (onnxruntime's MaxPool ignores pads).
 * 2. first_k = (cell_k == MaxPool(x)) * (1 - seen), seen = max(seen, cell_k == MaxPool(x)): only
 *    the first cell holding the window's maximum takes the gradient. That is the cell
 *    onnxruntime's CPU MaxPool reports in Indices (it replaces its running maximum only on a
 *    strictly greater value), so ties are routed exactly as the former Indices/ScatterElements
 *    rule routed them: everything to the first maximal cell in row-major order.
 * 3. grad x += first_k * g, moved back to where cell k of each window sits: zeros are inserted
 *    between the values (stride), then the grid is shifted by the cell's offset; overlapping
 *    windows that pick the same pixel add up. For 2-D strided pools this is done per phase
 *    (placeByPhase), with the same additions and far less full-resolution work.
 * The running sum is cropped back to the input (removing the pads) at the end.
 */
import { DataType } from '../../proto/onnx-proto.js';
import type { GradContext, OpRule } from './op-rule.js';
import { product } from './shape-math.js';
import { poolWindow, pooledShape } from './pool-window.js';

const LOWEST_FLOAT = -3.4028234663852886e38;

export const maxPool: OpRule = {
  op: 'MaxPool',
  notes: 'ceil_mode, pads, dilations',
  infer(ctx) {
    const shape = pooledShape(ctx);
    return [{ shape, dataType: ctx.dataType(0) }, { shape, dataType: DataType.INT64 }];
  },
  forward(ctx) {
    if (ctx.differentiable && ctx.node.outputs[1]) ctx.fail('a MaxPool whose Indices output is used cannot be differentiated');
    ctx.emitAsIs();
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const { window, spatial } = poolWindow(ctx);
    const { kernel, strides, dilations, output } = window;
    const rank = spatial.length;
    const axes = spatial.map((_, i) => i + 2);
    const padBegin = window.pads.slice(0, rank);
    // The padded extent every shifted cell grid fits in (ceil_mode windows may reach past the end pad).
    const extent = spatial.map((size, i) => Math.max(padBegin[i] + size, (Math.floor(((kernel[i] - 1) * dilations[i]) / strides[i]) + output[i]) * strides[i]));
    const padded = ctx.g.node('Pad', [
      ctx.input(0),
      ctx.int64s([0, 0, ...padBegin, 0, 0, ...extent.map((e, i) => e - padBegin[i] - spatial[i])]),
      ctx.floats([LOWEST_FLOAT], []),
    ]);
    const maximum = ctx.output(0);
    let seen: string | undefined;
    const cells: { offsets: number[]; grid: string }[] = [];
    for (let cell = 0; cell < product(kernel); cell++) {
      const offsets = cellOffsets(cell, kernel).map((k, i) => k * dilations[i]);
      const values = ctx.g.node('Slice', [
        padded, ctx.int64s(offsets), ctx.int64s(offsets.map((o, i) => o + (output[i] - 1) * strides[i] + 1)), ctx.int64s(axes), ctx.int64s(strides),
      ]);
      const hit = ctx.g.node('Cast', [ctx.g.node('Equal', [values, maximum])], { to: DataType.FLOAT });
      const first = seen ? ctx.g.node('Mul', [hit, ctx.g.node('Sub', [ctx.floats([1], []), seen])]) : hit;
      seen = seen ? ctx.g.node('Max', [seen, hit]) : hit;
      cells.push({ offsets, grid: ctx.g.node('Mul', [first, g]) });
    }
    const sum = placeByPhase(ctx, cells, strides, output, extent) ?? placeOneByOne(ctx, cells, strides, output, extent);
    ctx.addGrad(0, ctx.g.node('Slice', [sum, ctx.int64s(padBegin), ctx.int64s(padBegin.map((p, i) => p + spatial[i])), ctx.int64s(axes)]));
  },
};

type Cell = { offsets: number[]; grid: string };

/** Each cell's grid placed at full resolution and added up, in cell order. */
function placeOneByOne(ctx: GradContext, cells: Cell[], strides: number[], output: number[], extent: number[]): string {
  let sum: string | undefined;
  for (const { offsets, grid } of cells) {
    const placed = placeCell(ctx, grid, offsets, strides, output, extent);
    sum = sum ? ctx.g.node('Add', [sum, placed]) : placed;
  }
  return sum!;
}

/**
 * The same sum with little full-resolution work, for 2-D pools with a stride above 1 where every
 * phase (pixel position modulo the stride) is covered by some cell: a pixel only receives cells of
 * its own phase, so each phase adds its cells at the pooled resolution (shifted by whole strides,
 * in cell order: the same additions as placeOneByOne, hence the same float32 values), and the
 * phases are then interleaved by Concat and Reshape. On the CPU this replaces 2 full-resolution
 * Pads and an Add per cell (a tenth of a ResNet-50 vjp) by two Concats.
 */
function placeByPhase(ctx: GradContext, cells: Cell[], strides: number[], output: number[], extent: number[]): string | undefined {
  if (output.length !== 2 || strides.every((s) => s === 1)) return undefined;
  const [sy, sx] = strides;
  const phase = (offsets: number[]) => (offsets[0] % sy) * sx + (offsets[1] % sx);
  const shift = (offsets: number[]) => offsets.map((o, i) => Math.floor(o / strides[i]));
  const reach = [0, 1].map((i) => Math.max(...cells.map((c) => shift(c.offsets)[i])) + output[i]);
  const phases: string[] = [];
  for (let p = 0; p < sy * sx; p++) {
    const members = cells.filter((c) => phase(c.offsets) === p);
    if (members.length === 0) return undefined;
    let sum: string | undefined;
    for (const { offsets, grid } of members) {
      const q = shift(offsets);
      const placed = ctx.g.node('Pad', [grid, ctx.int64s([0, 0, ...q, 0, 0, ...q.map((v, i) => reach[i] - v - output[i])])]);
      sum = sum ? ctx.g.node('Add', [sum, placed]) : placed;
    }
    phases.push(sum!);
  }
  // Interleave columns, then rows: [N, C, H, W, sx] -> [N, C, H, W sx]; [N, C, H, sy, W sx] -> [N, C, H sy, W sx].
  const [hq, wq] = reach;
  const rows = Array.from({ length: sy }, (_, ry) => {
    const parts = phases.slice(ry * sx, (ry + 1) * sx).map((t) => ctx.g.node('Unsqueeze', [t, ctx.int64s([4])]));
    return ctx.g.node('Reshape', [ctx.g.node('Concat', parts, { axis: 4 }), ctx.int64s([0, 0, hq, wq * sx])]);
  });
  const parts = rows.map((t) => ctx.g.node('Unsqueeze', [t, ctx.int64s([3])]));
  const full = ctx.g.node('Reshape', [ctx.g.node('Concat', parts, { axis: 3 }), ctx.int64s([0, 0, hq * sy, wq * sx])]);
  // Pixels past the last window's reach take no gradient: zeros up to the padded extent.
  const missing = [hq * sy, wq * sx].map((size, i) => extent[i] - size);
  return missing.some((m) => m > 0) ? ctx.g.node('Pad', [full, ctx.int64s([0, 0, 0, 0, 0, 0, ...missing.map((m) => Math.max(0, m))])]) : full;
}

/** The multi-index of a flat row-major cell number within the kernel. */
function cellOffsets(cell: number, kernel: number[]): number[] {
  const index: number[] = [];
  for (let i = kernel.length - 1; i >= 0; i--) {
    index.unshift(cell % kernel[i]);
    cell = Math.floor(cell / kernel[i]);
  }
  return index;
}

/**
 * [N, C, out...] -> [N, C, extent...] with value j at j * stride + offset: each axis gets a unit
 * axis padded to the stride (the value at offset mod stride), folded back, then shifted by whole
 * strides.
 */
function placeCell(ctx: GradContext, grid: string, offsets: number[], strides: number[], output: number[], extent: number[]): string {
  const rank = output.length;
  let spread = grid;
  if (strides.some((s) => s > 1)) {
    const withUnit = ctx.g.node('Reshape', [grid, ctx.int64s([0, 0, ...output.flatMap((o) => [o, 1])])]);
    const within = offsets.map((o, i) => o % strides[i]);
    const pads = [0, 0, ...within.flatMap((r) => [0, r]), 0, 0, ...within.flatMap((r, i) => [0, strides[i] - 1 - r])];
    spread = ctx.g.node('Reshape', [ctx.g.node('Pad', [withUnit, ctx.int64s(pads)]), ctx.int64s([0, 0, ...output.map((o, i) => o * strides[i])])]);
  }
  const shift = offsets.map((o, i) => Math.floor(o / strides[i]) * strides[i]);
  return ctx.g.node('Pad', [spread, ctx.int64s([0, 0, ...shift, 0, 0, ...shift.map((s, i) => extent[i] - s - output[i] * strides[i])])]);
}
