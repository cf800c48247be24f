/**
 * Conversions between TensorProto and typed arrays. Only small tensors (shapes, axes, pads,
 * constants to fold) are ever decoded; weights travel as the original TensorProto objects.
 */
import { DataType, toNumber, type TensorProto } from './onnx-proto.js';

export type TensorArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

export function tensorDims(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map(toNumber);
}

export function tensorSize(tensor: TensorProto): number {
  return tensorDims(tensor).reduce((a, b) => a * b, 1);
}

function rawView(raw: Uint8Array, bytesPerElement: number): DataView {
  if (raw.byteLength % bytesPerElement !== 0) throw new Error(`raw_data of ${raw.byteLength} bytes is not a whole number of elements`);
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** Decodes a tensor's values as plain numbers (int64 beyond 2^53 would lose precision). */
export function tensorValues(tensor: TensorProto): number[] {
  const type = tensor.dataType ?? 0;
  const raw = tensor.rawData && tensor.rawData.byteLength > 0 ? tensor.rawData : undefined;
  if (tensor.dataLocation === 1) throw new Error(`tensor "${tensor.name}" uses external data, which cannot be folded`);
  const out: number[] = [];
  if (type === DataType.FLOAT) {
    if (!raw) return [...(tensor.floatData ?? [])];
    const view = rawView(raw, 4);
    for (let i = 0; i < raw.byteLength; i += 4) out.push(view.getFloat32(i, true));
  } else if (type === DataType.DOUBLE) {
    if (!raw) return [...(tensor.doubleData ?? [])];
    const view = rawView(raw, 8);
    for (let i = 0; i < raw.byteLength; i += 8) out.push(view.getFloat64(i, true));
  } else if (type === DataType.INT64) {
    if (!raw) return (tensor.int64Data ?? []).map(toNumber);
    const view = rawView(raw, 8);
    for (let i = 0; i < raw.byteLength; i += 8) out.push(Number(view.getBigInt64(i, true)));
  } else if (type === DataType.INT32) {
    if (!raw) return [...(tensor.int32Data ?? [])];
    const view = rawView(raw, 4);
    for (let i = 0; i < raw.byteLength; i += 4) out.push(view.getInt32(i, true));
  } else if (type === DataType.BOOL || type === DataType.UINT8 || type === DataType.INT8) {
    if (!raw) return [...(tensor.int32Data ?? [])];
    for (let i = 0; i < raw.byteLength; i++) out.push(type === DataType.INT8 ? (raw[i] << 24) >> 24 : raw[i]);
  } else {
    throw new Error(`tensor "${tensor.name}" has data type ${type}, which cannot be folded`);
  }
  return out;
}

/** Builds a TensorProto holding `values` as raw little-endian bytes. */
export function makeTensor(name: string, dataType: number, dims: readonly number[], values: ArrayLike<number> | TensorArray): TensorProto {
  let raw: Uint8Array;
  if (values instanceof Float32Array || values instanceof Float64Array || values instanceof BigInt64Array || values instanceof Int32Array || values instanceof Uint8Array) {
    raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  } else if (dataType === DataType.FLOAT) {
    raw = new Uint8Array(Float32Array.from(values).buffer);
  } else if (dataType === DataType.DOUBLE) {
    raw = new Uint8Array(Float64Array.from(values).buffer);
  } else if (dataType === DataType.INT64) {
    raw = new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v)))).buffer);
  } else if (dataType === DataType.INT32) {
    raw = new Uint8Array(Int32Array.from(values).buffer);
  } else if (dataType === DataType.BOOL || dataType === DataType.UINT8) {
    raw = Uint8Array.from(values);
  } else {
    throw new Error(`makeTensor: unsupported data type ${dataType}`);
  }
  return { name, dataType, dims: [...dims], rawData: raw };
}

/** The ONNX data type of a typed array. */
export function dataTypeOf(values: TensorArray): number {
  if (values instanceof Float32Array) return DataType.FLOAT;
  if (values instanceof Float64Array) return DataType.DOUBLE;
  if (values instanceof BigInt64Array) return DataType.INT64;
  if (values instanceof Int32Array) return DataType.INT32;
  return DataType.UINT8;
}
