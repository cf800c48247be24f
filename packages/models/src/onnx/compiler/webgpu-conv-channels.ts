/**
 * A workaround for onnxruntime-node 1.30's WebGPU provider: a Conv with group 1, a kernel larger
 * than 1x1, an input channel count C > 3 with C % 3 == 0 and C % 4 != 0, and an output channel
 * count divisible by 4 returns wrong values (measured on SwiftShader over C = 1..40, outputs
 * 1..16, kernels 2 and 3, strides 1 and 2: exactly these cases fail, by 10-500% of the largest
 * output; C = 3, multiples of 4 and other counts are exact to float32 round-off). Such a Conv gets
 * its input and weights zero-padded to the next multiple of 4 channels, which leaves the result
 * unchanged (the extra products are 0). The weight Pad is on an initializer, so onnxruntime folds
 * it when the session loads.
 */
import { decodeAttributes, scalar } from '../proto/attributes.js';
import { DataType, toNumber, type ModelProto, type NodeProto } from '../proto/onnx-proto.js';
import { makeTensor } from '../proto/tensor-data.js';

export function needsChannelPadding(weightDims: readonly number[], group: number): boolean {
  const [outputs, inputs, ...kernel] = weightDims;
  return group === 1 && inputs > 3 && inputs % 3 === 0 && inputs % 4 !== 0 && outputs % 4 === 0 && kernel.some((k) => k > 1);
}

/** Rewrites, in place, every affected Conv of a compiled model. Returns how many it rewrote. */
export function padConvChannelsForWebGpu(model: ModelProto): number {
  const graph = model.graph!;
  const initializers = (graph.initializer ??= []);
  const weights = new Map(initializers.map((t) => [t.name ?? '', (t.dims ?? []).map(toNumber)]));
  const nodes: NodeProto[] = [];
  let rewritten = 0;
  for (const node of graph.node ?? []) {
    const dims = node.opType === 'Conv' ? weights.get(node.input?.[1] ?? '') : undefined;
    if (!dims || !needsChannelPadding(dims, scalar(decodeAttributes(node.attribute).group, 1))) {
      nodes.push(node);
      continue;
    }
    const extra = 4 - (dims[1] % 4);
    const spatial = dims.length - 2;
    const name = `${node.name || node.output![0]}_channels${++rewritten}`;
    const pads = (axis: number) => {
      const values = new Array(2 * (spatial + 2)).fill(0);
      values[spatial + 2 + axis] = extra;
      const tensor = makeTensor(`${name}_pads${axis}`, DataType.INT64, [values.length], values);
      initializers.push(tensor);
      return tensor.name!;
    };
    const input = `${name}_input`;
    const weight = `${name}_weight`;
    nodes.push({ opType: 'Pad', name: input, input: [node.input![0], pads(1)], output: [input] });
    nodes.push({ opType: 'Pad', name: weight, input: [node.input![1], pads(1)], output: [weight] });
    nodes.push({ ...node, input: [input, weight, ...node.input!.slice(2)] });
  }
  graph.node = nodes;
  return rewritten;
}
