/**
 * An independent float64 interpreter for the ops of the reference networks, written directly from
 * the ONNX operator definitions with plain loops (test-only; speed is not its job). It lets the
 * whole-network tests take finite differences in float64, where Relu and MaxPool kinks are not
 * drowned in float32 noise.
 */
import { numbers, scalar } from '../../src/onnx/proto/attributes.js';
import { readModelGraph, type GraphNode } from '../../src/onnx/compiler/model-graph.js';
import { tensorDims, tensorValues } from '../../src/onnx/proto/tensor-data.js';

interface Tensor { data: Float64Array; shape: number[] }

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Output size and window start of a pool or conv axis (onnxruntime's ceil_mode rule included). */
function windows(inSize: number, k: number, stride: number, dilation: number, padBegin: number, padEnd: number, ceil: boolean): number {
  const span = inSize + padBegin + padEnd - ((k - 1) * dilation + 1);
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceil && (out - 1) * stride >= inSize + padBegin) out -= 1;
  return out;
}

function conv(x: Tensor, w: Tensor, b: Tensor | undefined, node: GraphNode): Tensor {
  const [n, c, h, wd] = x.shape;
  const [m, cg, kh, kw] = w.shape;
  const group = scalar(node.attributes.group, 1);
  const [sh, sw] = numbers(node.attributes.strides) ?? [1, 1];
  const [dh, dw] = numbers(node.attributes.dilations) ?? [1, 1];
  const [pt, pl, pb, pr] = numbers(node.attributes.pads) ?? [0, 0, 0, 0];
  const oh = windows(h, kh, sh, dh, pt, pb, false);
  const ow = windows(wd, kw, sw, dw, pl, pr, false);
  const out = new Float64Array(n * m * oh * ow);
  const perGroup = m / group;
  for (let s = 0; s < n; s++) for (let o = 0; o < m; o++) {
    const g = Math.floor(o / perGroup);
    for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
      let sum = b ? b.data[o] : 0;
      for (let ci = 0; ci < cg; ci++) for (let a = 0; a < kh; a++) for (let e = 0; e < kw; e++) {
        const y = i * sh - pt + a * dh;
        const z = j * sw - pl + e * dw;
        if (y >= 0 && y < h && z >= 0 && z < wd) sum += x.data[((s * c + g * cg + ci) * h + y) * wd + z] * w.data[((o * cg + ci) * kh + a) * kw + e];
      }
      out[((s * m + o) * oh + i) * ow + j] = sum;
    }
  }
  return { data: out, shape: [n, m, oh, ow] };
}

function pool(x: Tensor, node: GraphNode, max: boolean): Tensor {
  const [n, c, h, w] = x.shape;
  const [kh, kw] = numbers(node.attributes.kernel_shape)!;
  const [sh, sw] = numbers(node.attributes.strides) ?? [1, 1];
  const [pt, pl, pb, pr] = numbers(node.attributes.pads) ?? [0, 0, 0, 0];
  const ceil = scalar(node.attributes.ceil_mode, 0) === 1;
  const oh = windows(h, kh, sh, 1, pt, pb, ceil);
  const ow = windows(w, kw, sw, 1, pl, pr, ceil);
  const out = new Float64Array(n * c * oh * ow);
  for (let p = 0; p < n * c; p++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    let best = -Infinity;
    let sum = 0;
    let count = 0;
    for (let y = Math.max(0, i * sh - pt); y < Math.min(h, i * sh - pt + kh); y++) for (let z = Math.max(0, j * sw - pl); z < Math.min(w, j * sw - pl + kw); z++) {
      const v = x.data[(p * h + y) * w + z];
      best = Math.max(best, v);
      sum += v;
      count++;
    }
    out[(p * oh + i) * ow + j] = max ? best : sum / count; // AveragePool with count_include_pad = 0
  }
  return { data: out, shape: [n, c, oh, ow] };
}

function perChannel(x: Tensor, f: (v: number, channel: number) => number): Tensor {
  const [, c] = x.shape;
  const inner = size(x.shape.slice(2));
  return { data: x.data.map((v, i) => f(v, Math.floor(i / inner) % c)), shape: x.shape };
}

function lrn(x: Tensor, node: GraphNode): Tensor {
  const [n, c] = x.shape;
  const inner = size(x.shape.slice(2));
  const sz = scalar(node.attributes.size, 1);
  const [alpha, beta, bias] = [scalar(node.attributes.alpha, 1e-4), scalar(node.attributes.beta, 0.75), scalar(node.attributes.bias, 1)];
  const out = new Float64Array(x.data.length);
  for (let s = 0; s < n; s++) for (let ch = 0; ch < c; ch++) for (let p = 0; p < inner; p++) {
    let squares = 0;
    for (let k = Math.max(0, ch - Math.floor((sz - 1) / 2)); k <= Math.min(c - 1, ch + Math.ceil((sz - 1) / 2)); k++) squares += x.data[(s * c + k) * inner + p] ** 2;
    const i = (s * c + ch) * inner + p;
    out[i] = x.data[i] / (bias + (alpha / sz) * squares) ** beta;
  }
  return { data: out, shape: x.shape };
}

function gemm(a: Tensor, b: Tensor, bias: Tensor | undefined, node: GraphNode): Tensor {
  const transB = scalar(node.attributes.transB, 0) === 1;
  const [m, k] = a.shape;
  const cols = transB ? b.shape[0] : b.shape[1];
  const out = new Float64Array(m * cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < cols; j++) {
    let sum = bias ? bias.data[bias.data.length === 1 ? 0 : j] : 0;
    for (let t = 0; t < k; t++) sum += a.data[i * k + t] * (transB ? b.data[j * k + t] : b.data[t * cols + j]);
    out[i * cols + j] = sum;
  }
  return { data: out, shape: [m, cols] };
}

function concat(parts: Tensor[]): Tensor {
  const n = parts[0].shape[0];
  const inner = parts.map((p) => size(p.shape.slice(1)));
  const total = inner.reduce((a, b) => a + b, 0);
  const out = new Float64Array(n * total);
  for (let s = 0; s < n; s++) {
    let offset = s * total;
    parts.forEach((p, k) => {
      out.set(p.data.subarray(s * inner[k], (s + 1) * inner[k]), offset);
      offset += inner[k];
    });
  }
  return { data: out, shape: [n, parts.reduce((a, p) => a + p.shape[1], 0), ...parts[0].shape.slice(2)] };
}

function run(node: GraphNode, inputs: Tensor[]): Tensor {
  const [x] = inputs;
  switch (node.opType) {
    case 'Conv': return conv(x, inputs[1], inputs[2], node);
    case 'Relu': return { data: x.data.map((v) => Math.max(v, 0)), shape: x.shape };
    case 'Tanh': return { data: x.data.map(Math.tanh), shape: x.shape };
    case 'Clip': return { data: x.data.map((v) => Math.min(Math.max(v, inputs[1]?.data[0] ?? -Infinity), inputs[2]?.data[0] ?? Infinity)), shape: x.shape };
    case 'MaxPool': return pool(x, node, true);
    case 'AveragePool': return pool(x, node, false);
    case 'GlobalAveragePool': return pool(x, { ...node, attributes: { kernel_shape: x.shape.slice(2) } }, false);
    case 'BatchNormalization': {
      const [, scale, shift, mean, variance] = inputs;
      const eps = scalar(node.attributes.epsilon, 1e-5);
      return perChannel(x, (v, c) => ((v - mean.data[c]) / Math.sqrt(variance.data[c] + eps)) * scale.data[c] + shift.data[c]);
    }
    case 'LRN': return lrn(x, node);
    case 'Add': return { data: x.data.map((v, i) => v + inputs[1].data[i]), shape: x.shape };
    case 'Concat': return concat(inputs);
    case 'Flatten': return { data: x.data, shape: [x.shape[0], size(x.shape.slice(1))] };
    case 'Gemm': return gemm(x, inputs[1], inputs[2], node);
    case 'Dropout': case 'Identity': return x;
    default: throw new Error(`float64 reference: no ${node.opType}`);
  }
}

/** Returns logits(x) in float64 for a model of the reference networks' ops. */
export function float64Reference(bytes: Uint8Array): (x: Float64Array, shape: number[]) => Float64Array {
  const graph = readModelGraph(bytes, 'reference');
  const weights = new Map<string, Tensor>();
  for (const [name, proto] of graph.initializers) weights.set(name, { data: Float64Array.from(tensorValues(proto)), shape: tensorDims(proto) });
  const output = graph.outputs[0].name!;
  return (x, shape) => {
    const values = new Map(weights);
    values.set(graph.inputs[0].name!, { data: x, shape });
    for (const node of graph.nodes) values.set(node.outputs[0], run(node, node.inputs.filter((i) => i !== '').map((i) => values.get(i)!)));
    return values.get(output)!.data;
  };
}
