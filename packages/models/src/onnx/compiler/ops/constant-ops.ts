/**
 * Ops that older exporters use to compute shapes at run time (Constant, Shape, Gather, Slice,
 * Cast, ConstantOfShape). They are evaluated at compile time; the batch size stays the symbol 'N'.
 */
import { numbers, scalar, type AttributeValue } from '../../proto/attributes.js';
import { DataType, type TensorProto } from '../../proto/onnx-proto.js';
import { tensorDims } from '../../proto/tensor-data.js';
import type { ConstTensor, Dim, InferContext, OpRule } from './op-rule.js';
import { axis } from './shape-math.js';

function onlyFolded(ctx: InferContext): never {
  return ctx.fail('is only supported on compile-time constants (shape computations), not on image tensors');
}

function constantValue(ctx: InferContext): ConstTensor {
  const a = ctx.attributes;
  const floats = (v: AttributeValue) => numbers(v) ?? [];
  if (a.value) {
    const proto = a.value as TensorProto;
    return { dataType: proto.dataType ?? DataType.FLOAT, dims: tensorDims(proto), proto };
  }
  if (a.value_float !== undefined) return { dataType: DataType.FLOAT, dims: [], values: [scalar(a.value_float, 0)] };
  if (a.value_floats !== undefined) return { dataType: DataType.FLOAT, dims: [floats(a.value_floats).length], values: floats(a.value_floats) };
  if (a.value_int !== undefined) return { dataType: DataType.INT64, dims: [], values: [scalar(a.value_int, 0)] };
  if (a.value_ints !== undefined) return { dataType: DataType.INT64, dims: [floats(a.value_ints).length], values: floats(a.value_ints) };
  return ctx.fail('only tensor, float(s) and int(s) values are supported');
}

export const constant: OpRule = {
  op: 'Constant',
  infer: (ctx) => [{ shape: constantValue(ctx).dims, dataType: constantValue(ctx).dataType }],
  fold: (ctx) => [constantValue(ctx)],
};

export const shape: OpRule = {
  op: 'Shape',
  infer: onlyFolded,
  fold(ctx) {
    const dims = ctx.shape(0);
    const start = axis(scalar(ctx.attributes.start, 0), dims.length);
    const end = ctx.attributes.end === undefined ? dims.length : axis(scalar(ctx.attributes.end, dims.length), dims.length);
    const values = dims.slice(start, end);
    return [{ dataType: DataType.INT64, dims: [values.length], values }];
  },
};

/** Gather on a constant 1-D vector (shape computations); the Gather rule folds with it. */
export const foldGather: NonNullable<OpRule['fold']> = (ctx) => {
  const [data, indices] = [ctx.constant(0), ctx.constant(1)];
  const values = data && ctx.decode(data);
  const picks = indices && ctx.decode(indices);
  if (!data || !indices || !values || !picks || data.dims.length !== 1) return undefined;
  const picked = picks.map((i) => values[axis(i as number, values.length)]);
  return [{ dataType: data.dataType, dims: indices.dims, values: picked }];
};

/** Slice of a constant 1-D vector (shape computations); the Slice rule folds with it. */
export const foldSlice: NonNullable<OpRule['fold']> = (ctx) => {
  const data = ctx.constant(0);
  const values = data && ctx.decode(data);
  if (!data || !values || data.dims.length !== 1) return undefined;
  const starts = ctx.opset < 10 ? numbers(ctx.attributes.starts)! : ctx.ints(1, 'starts');
  const ends = ctx.opset < 10 ? numbers(ctx.attributes.ends)! : ctx.ints(2, 'ends');
  const steps = ctx.opset >= 10 && ctx.has(4) ? ctx.ints(4, 'steps') : [1];
  if (steps[0] !== 1) return undefined;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + values.length : v, 0), values.length);
  const picked = values.slice(clamp(starts[0]), clamp(ends[0]));
  return [{ dataType: data.dataType, dims: [picked.length], values: picked }];
};

export const cast: OpRule = {
  op: 'Cast',
  infer: (ctx) => [{ shape: ctx.shape(0), dataType: scalar(ctx.attributes.to, DataType.FLOAT) }],
  fold(ctx) {
    const data = ctx.constant(0);
    const values = data && ctx.decode(data);
    if (!data || !values) return undefined;
    const to = scalar(ctx.attributes.to, DataType.FLOAT);
    const integer = to !== DataType.FLOAT && to !== DataType.DOUBLE;
    const converted: Dim[] = values.map((v) => (typeof v === 'number' && integer ? Math.trunc(v) : v));
    return [{ dataType: to, dims: data.dims, values: converted }];
  },
};

export const constantOfShape: OpRule = {
  op: 'ConstantOfShape',
  infer: onlyFolded,
  fold(ctx) {
    const shapeValues = ctx.constant(0) && ctx.decode(ctx.constant(0)!);
    if (!shapeValues || shapeValues.some((d) => typeof d !== 'number')) return undefined;
    const dims = shapeValues as number[];
    const size = dims.reduce((a, b) => a * b, 1);
    if (size > 4096) return undefined;
    const proto = ctx.attributes.value as TensorProto | undefined;
    const fill = proto ? (ctx.decode({ dataType: proto.dataType ?? 1, dims: [1], proto }) ?? [0])[0] : 0;
    return [{ dataType: proto?.dataType ?? DataType.FLOAT, dims, values: new Array(size).fill(fill) }];
  },
};
