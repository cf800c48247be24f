/** Reads and checks the model's image input: one 4-D float tensor, N x C x H x W. */
import type { ModelGraph } from '../compiler/model-graph.js';
import { DataType, toNumber } from '../proto/onnx-proto.js';
import type { Shape } from '../compiler/ops/op-rule.js';

export interface ModelInput {
  name: string;
  /** [N or 'N', C, H, W] with H and W resolved. */
  shape: Shape;
  channels: number;
  height: number;
  width: number;
}

export function readModelInput(graph: ModelGraph, inputSize: readonly [number, number] | undefined): ModelInput {
  const where = graph.source;
  if (graph.inputs.length !== 1) {
    throw new Error(`${where}: the model has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}); the ONNX engine needs exactly one image input`);
  }
  const info = graph.inputs[0];
  const tensor = info.type?.tensorType;
  const dims = tensor?.shape?.dim ?? [];
  if (!tensor || tensor.elemType !== DataType.FLOAT || dims.length !== 4) {
    const kind = tensor ? `a tensor of element type ${tensor.elemType} and rank ${dims.length}` : 'not a tensor';
    throw new Error(`${where}: the input "${info.name}" is ${kind}; the ONNX engine needs a 4-D float32 tensor (N x C x H x W)`);
  }
  const sizes = dims.map((d) => (d.dimValue !== undefined && d.dimValue !== null && toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : undefined));
  const channels = sizes[1];
  if (channels === undefined) throw new Error(`${where}: the input "${info.name}" has a dynamic channel count; the ONNX engine needs it static`);
  let [height, width] = [sizes[2], sizes[3]];
  if (inputSize) {
    if ((height !== undefined && height !== inputSize[0]) || (width !== undefined && width !== inputSize[1])) {
      throw new Error(`${where}: inputSize [${inputSize}] differs from the model's static input size [${height}, ${width}]; remove the inputSize option`);
    }
    [height, width] = inputSize;
  }
  if (height === undefined || width === undefined) {
    throw new Error(`${where}: the input "${info.name}" has a dynamic height/width; set the inputSize option ([height, width])`);
  }
  return { name: info.name ?? '', shape: [sizes[0] ?? 'N', channels, height, width], channels, height, width };
}
