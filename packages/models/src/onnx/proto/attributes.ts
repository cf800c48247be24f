/**
 * Node attributes as plain JS values. Integers and floats share `number` in JS, so a name-based
 * table decides which attributes are written as FLOAT(S); `{ float: x }` forces a float.
 */
import { AttributeType, toNumber, type AttributeProto, type TensorProto } from './onnx-proto.js';

export type AttributeValue = number | number[] | string | string[] | TensorProto | { float: number | number[] };
export type Attributes = Record<string, AttributeValue>;

/** Attributes that ONNX defines as float or floats for the ops this project uses. */
const FLOAT_ATTRIBUTES = new Set([
  'alpha', 'beta', 'bias', 'epsilon', 'momentum', 'gamma', 'lambd', 'ratio', 'value_float', 'value_floats',
  'scale', 'scales', 'spatial_scale', 'min', 'max', 'extrapolation_value', 'cubic_coeff_a',
]);

const text = new TextEncoder();
const untext = new TextDecoder();

function isTensor(value: unknown): value is TensorProto {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('dataType' in value || 'dims' in value);
}

export function encodeAttribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: text.encode(value) };
  if (isTensor(value)) return { name, type: AttributeType.TENSOR, t: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const forced = value.float;
    return Array.isArray(forced) ? { name, type: AttributeType.FLOATS, floats: forced } : { name, type: AttributeType.FLOAT, f: forced };
  }
  const asFloat = FLOAT_ATTRIBUTES.has(name);
  if (typeof value === 'number') {
    if (asFloat || !Number.isInteger(value)) return { name, type: AttributeType.FLOAT, f: value };
    return { name, type: AttributeType.INT, i: value };
  }
  if (value.length > 0 && typeof value[0] === 'string') {
    return { name, type: AttributeType.STRINGS, strings: (value as string[]).map((s) => text.encode(s)) };
  }
  const numbers = value as number[];
  if (asFloat || numbers.some((v) => !Number.isInteger(v))) return { name, type: AttributeType.FLOATS, floats: numbers };
  return { name, type: AttributeType.INTS, ints: numbers };
}

export function encodeAttributes(attributes: Attributes): AttributeProto[] {
  return Object.entries(attributes).map(([name, value]) => encodeAttribute(name, value));
}

/** Decodes one attribute (floats stay tagged so they re-encode as floats); graph-valued attributes (If/Loop bodies) are not supported here. */
export function decodeAttribute(attribute: AttributeProto): AttributeValue {
  switch (attribute.type) {
    case AttributeType.FLOAT: return { float: attribute.f ?? 0 };
    case AttributeType.INT: return toNumber(attribute.i);
    case AttributeType.STRING: return untext.decode(attribute.s ?? new Uint8Array());
    case AttributeType.TENSOR: return attribute.t ?? {};
    case AttributeType.FLOATS: return { float: [...(attribute.floats ?? [])] };
    case AttributeType.INTS: return (attribute.ints ?? []).map(toNumber);
    case AttributeType.STRINGS: return (attribute.strings ?? []).map((s) => untext.decode(s));
    default: throw new Error(`attribute "${attribute.name}" has unsupported type ${attribute.type}`);
  }
}

export function decodeAttributes(attributes: AttributeProto[] | undefined): Attributes {
  const out: Attributes = {};
  for (const attribute of attributes ?? []) out[attribute.name ?? ''] = decodeAttribute(attribute);
  return out;
}

/** Reads a numeric list attribute whether it was stored as ints or floats. */
export function numbers(value: AttributeValue | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value as number[];
  if (typeof value === 'number') return [value];
  if (typeof value === 'object' && 'float' in value) return Array.isArray(value.float) ? value.float : [value.float];
  return undefined;
}

/** Reads a scalar attribute whether it was stored as an int or a float. */
export function scalar(value: AttributeValue | undefined, fallback: number): number {
  const list = numbers(value);
  return list && list.length > 0 ? list[0] : fallback;
}
