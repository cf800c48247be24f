/** Shape arithmetic shared by the operator rules (dims are numbers or symbols such as 'N'). */
import { numbers, scalar, type Attributes } from '../../proto/attributes.js';
import type { ConstTensor, Dim, InferContext, Shape } from './op-rule.js';

export function isStatic(shape: Shape): shape is number[] {
  return shape.every((d) => typeof d === 'number');
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Numpy-style broadcasting of two shapes. */
export function broadcast(a: Shape, b: Shape, fail: (m: string) => never): Shape {
  const rank = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1 || x === y) out.push(x);
    else fail(`shapes [${a}] and [${b}] do not broadcast`);
  }
  return out;
}

/** Normalizes a possibly negative axis. */
export function axis(value: number, rank: number): number {
  return value < 0 ? value + rank : value;
}

export interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Begin pads then end pads, as ONNX lists them, with auto_pad resolved. */
  pads: number[];
  output: number[];
}

/**
 * Resolves kernel/strides/dilations/pads/auto_pad/ceil_mode for Conv and the pools and computes
 * the output spatial size, following the ONNX operator definitions (and onnxruntime's rule that a
 * ceil_mode window must start inside the padded input).
 */
export function slidingWindow(ctx: InferContext, spatial: Shape, kernel: number[], ceil = false): Window {
  const attrs: Attributes = ctx.attributes;
  if (!isStatic(spatial)) ctx.fail(`spatial size [${spatial}] must be static`);
  const rank = spatial.length;
  const strides = numbers(attrs.strides) ?? new Array(rank).fill(1);
  const dilations = numbers(attrs.dilations) ?? new Array(rank).fill(1);
  const autoPad = typeof attrs.auto_pad === 'string' ? attrs.auto_pad : 'NOTSET';
  let pads = numbers(attrs.pads) ?? new Array(2 * rank).fill(0);
  if (autoPad === 'VALID') pads = new Array(2 * rank).fill(0);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    pads = new Array(2 * rank).fill(0);
    for (let i = 0; i < rank; i++) {
      const out = Math.ceil(spatial[i] / strides[i]);
      const total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - spatial[i]);
      const small = Math.floor(total / 2);
      pads[i] = autoPad === 'SAME_UPPER' ? small : total - small;
      pads[i + rank] = total - pads[i];
    }
  }
  const output = spatial.map((size, i) => {
    const span = size + pads[i] + pads[i + rank] - ((kernel[i] - 1) * dilations[i] + 1);
    if (span < 0) ctx.fail(`the kernel does not fit the input of size ${size}`);
    let out = (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
    if (ceil && (out - 1) * strides[i] >= size + pads[i]) out -= 1;
    return out;
  });
  return { kernel, strides, dilations, pads, output };
}

/** The transposed-convolution geometry that maps an output gradient back onto the input size. */
export function transposedPads(window: Window, spatial: number[]): { pads: number[]; outputPadding: number[] } {
  const rank = spatial.length;
  const pads = [...window.pads];
  const outputPadding = new Array(rank).fill(0);
  for (let i = 0; i < rank; i++) {
    const full = (window.output[i] - 1) * window.strides[i] + (window.kernel[i] - 1) * window.dilations[i] + 1;
    // full - padBegin - padEnd + outputPadding must equal the input size.
    const extra = spatial[i] - (full - pads[i] - pads[i + rank]);
    if (extra >= 0) outputPadding[i] = extra;
    else pads[i + rank] -= extra;
  }
  return { pads, outputPadding };
}

export function tensorOfDims(dataType: number, values: Dim[], dims = [values.length]): ConstTensor {
  return { dataType, dims, values };
}

export function scalarAttribute(attrs: Attributes, name: string, fallback: number): number {
  return scalar(attrs[name], fallback);
}

/** A dimension that must be a number (channel counts, concat sizes), or a clear error. */
export function staticDim(ctx: InferContext, dim: Dim, what: string): number {
  return typeof dim === 'number' ? dim : ctx.fail(`${what} must be static, got ${dim}`);
}
