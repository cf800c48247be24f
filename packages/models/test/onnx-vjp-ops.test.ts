import { describe, it, expect } from 'vitest';
import { directionalChecks, loadBuilt } from './onnx-support/gradcheck.js';
import { CLASSES, opModel, weight, type OpCase } from './onnx-support/op-cases.js';

/** Relative error of <vjp, v> against central differences that float32 evaluation reaches. */
const TOLERANCE = 2e-3;

const conv = (attrs: Record<string, number[] | number | string>, channelsPerGroup = 4): OpCase['build'] =>
  (g, x) => g.node('Conv', [x, weight(g, [6, channelsPerGroup, 3, 3]), weight(g, [6], 0.1)], attrs);

const batchNormParameters = (g: Parameters<OpCase['build']>[0], c: number) => [weight(g, [c]), weight(g, [c], 0.1), weight(g, [c], 0.1), weight(g, [c], 0.2, 1)];

const cases: OpCase[] = [
  { name: 'Conv with symmetric pads', features: 6 * 36, build: conv({ pads: [1, 1, 1, 1] }) },
  { name: 'Conv with strides 2 and dilations 2', features: 6 * 4, build: conv({ strides: [2, 2], dilations: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'Conv with 2 groups', features: 6 * 16, build: conv({ group: 2 }, 2) },
  { name: 'Conv with dilations 2 and stride 1', features: 6 * 16, build: conv({ dilations: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'depthwise Conv (groups = channels)', features: 4 * 36, build: (g, x) => g.node('Conv', [x, weight(g, [4, 1, 3, 3])], { group: 4, pads: [1, 1, 1, 1] }) },
  { name: 'Conv with pads wider than the kernel', features: 6 * 100, build: conv({ pads: [3, 3, 3, 3] }) },
  { name: 'Conv with auto_pad SAME_UPPER and stride 2', features: 6 * 9, build: conv({ auto_pad: 'SAME_UPPER', strides: [2, 2] }) },
  { name: 'Conv with auto_pad SAME_LOWER', features: 6 * 36, build: conv({ auto_pad: 'SAME_LOWER' }) },
  { name: 'Conv with auto_pad VALID and stride 2 (a remainder row)', features: 6 * 4, build: conv({ auto_pad: 'VALID', strides: [2, 2] }) },
  { name: 'Conv with asymmetric pads', features: 6 * 4 * 5, build: conv({ pads: [0, 1, 0, 0] }) },
  { name: 'Relu', features: 144, build: (g, x) => g.node('Relu', [x]) },
  { name: 'LeakyRelu', features: 144, build: (g, x) => g.node('LeakyRelu', [x], { alpha: 0.2 }) },
  { name: 'Clip with min and max inputs', features: 144, build: (g, x) => g.node('Clip', [x, g.constant([-0.5], [], 'float32'), g.constant([0.7], [], 'float32')]) },
  { name: 'Clip with only a max input', features: 144, build: (g, x) => g.node('Clip', [x, '', g.constant([0.7], [], 'float32')]) },
  { name: 'Sigmoid', features: 144, build: (g, x) => g.node('Sigmoid', [x]) },
  { name: 'Tanh', features: 144, build: (g, x) => g.node('Tanh', [x]) },
  { name: 'MaxPool 3x3 stride 2 with pads', features: 4 * 9, build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'MaxPool 3x3 stride 2 with ceil_mode', features: 4 * 9, build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }) },
  { name: 'MaxPool 3x3 stride 1 with pads and ceil_mode (Inception branch)', features: 144, build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], ceil_mode: 1 }) },
  { name: 'MaxPool after Relu (tied zeros in windows)', features: 4 * 9, build: (g, x) => g.node('MaxPool', [g.node('Relu', [x])], { kernel_shape: [2, 2], strides: [2, 2] }) },
  { name: 'MaxPool 2x2 stride 2', features: 4 * 9, build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] }) },
  { name: 'AveragePool with pads, count_include_pad=0', features: 4 * 9, build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'AveragePool with pads, count_include_pad=1', features: 4 * 9, build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }) },
  { name: 'AveragePool with ceil_mode', features: 4 * 9, build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }) },
  { name: 'GlobalAveragePool', features: 4, build: (g, x) => g.node('GlobalAveragePool', [x]) },
  {
    name: 'BatchNormalization (inference)', features: 144,
    build: (g, x) => g.node('BatchNormalization', [x, weight(g, [4]), weight(g, [4], 0.1), weight(g, [4], 0.1), weight(g, [4], 0.2, 1)], { epsilon: 1e-3 }),
  },
  {
    name: 'Conv with 2 groups followed by BatchNormalization (its scale folded into the weights)', features: 6 * 16,
    build: (g, x) => g.node('BatchNormalization', [conv({ group: 2 }, 2)(g, x), ...batchNormParameters(g, 6)]),
  },
  {
    name: 'strided Conv followed by BatchNormalization (folded into the ConvTranspose weights)', features: 6 * 9,
    build: (g, x) => g.node('BatchNormalization', [conv({ strides: [2, 2], pads: [1, 1, 1, 1] })(g, x), ...batchNormParameters(g, 6)]),
  },
  {
    name: 'a Conv output read by BatchNormalization and by Add (scaled and plain contributions summed)', features: 6 * 36,
    build: (g, x) => {
      const y = conv({ pads: [1, 1, 1, 1] })(g, x);
      return g.node('Add', [g.node('BatchNormalization', [y, ...batchNormParameters(g, 6)]), y]);
    },
  },
  { name: 'LRN of size 5', features: 144, build: (g, x) => g.node('LRN', [x], { size: 5, alpha: 0.5, beta: 0.75, bias: 1 }) },
  { name: 'LRN after Relu', features: 144, build: (g, x) => g.node('LRN', [g.node('Relu', [x])], { size: 3, alpha: 0.5, beta: 0.75, bias: 1 }) },
  { name: 'LRN of size 3', features: 144, build: (g, x) => g.node('LRN', [x], { size: 3, alpha: 0.3, beta: 0.6, bias: 2 }) },
  { name: 'Add broadcasting a per-channel constant', features: 144, build: (g, x) => g.node('Add', [x, weight(g, [4, 1, 1])]) },
  { name: 'Sub of two branches', features: 144, build: (g, x) => g.node('Sub', [g.node('Sigmoid', [x]), g.node('Tanh', [x])]) },
  { name: 'Mul broadcasting an active per-channel value', features: 144, build: (g, x) => g.node('Mul', [x, g.node('GlobalAveragePool', [x])]) },
  { name: 'Mul by a constant of lower rank', features: 144, build: (g, x) => g.node('Mul', [weight(g, [4, 6, 6]), x]) },
  { name: 'Div of a constant by an active value', features: 144, build: (g, x) => g.node('Div', [weight(g, [6]), g.node('Add', [g.node('Sigmoid', [x]), g.constant([1], [], 'float32')])]) },
  { name: 'Div of an active value by a constant', features: 144, build: (g, x) => g.node('Div', [x, weight(g, [1, 4, 1, 1], 0.1, 1)]) },
  { name: 'Concat of two branches', features: 288, build: (g, x) => g.node('Concat', [g.node('Relu', [x]), g.node('Sigmoid', [x])], { axis: 1 }) },
  { name: 'Flatten at axis 2, reshaped back', features: 144, build: (g, x) => g.node('Reshape', [g.node('Flatten', [x], { axis: 2 }), g.constant([-1, 144])]) },
  { name: 'Reshape with 0 and -1', features: 144, build: (g, x) => g.node('Reshape', [x, g.constant([0, 8, -1])]) },
  { name: 'Transpose', features: 144, build: (g, x) => g.node('Transpose', [g.node('Sigmoid', [x])], { perm: [0, 2, 3, 1] }) },
  { name: 'Squeeze and Unsqueeze with axes inputs (opset 13)', features: 4, build: (g, x) => g.node('Unsqueeze', [g.node('Squeeze', [g.node('GlobalAveragePool', [x]), g.constant([2, 3])]), g.constant([1])]) },
  { name: 'Squeeze and Unsqueeze with axes attributes (opset 11)', opset: 11, features: 4, build: (g, x) => g.node('Unsqueeze', [g.node('Squeeze', [g.node('GlobalAveragePool', [x])], { axes: [2, 3] })], { axes: [1] }) },
  { name: 'Gemm with transA, alpha and beta', features: 5, build: (g, x) => g.node('Gemm', [g.node('Transpose', [g.node('Flatten', [x])]), weight(g, [144, 5], 0.1), weight(g, [5])], { transA: 1, alpha: 0.5, beta: 2 }) },
  { name: 'Gemm with transB', features: 5, build: (g, x) => g.node('Gemm', [g.node('Flatten', [x]), weight(g, [5, 144], 0.1)], { transB: 1 }) },
  { name: 'MatMul of a 3-D activation', features: 20, build: (g, x) => g.node('MatMul', [g.node('Reshape', [x, g.constant([0, 4, 36])]), weight(g, [36, 5], 0.2)]) },
  { name: 'MatMul of two active values', features: 16, build: (g, x) => {
    const a = g.node('Reshape', [x, g.constant([0, 4, 36])]);
    return g.node('MatMul', [a, g.node('Transpose', [g.node('Sigmoid', [a])], { perm: [0, 2, 1] })]);
  } },
  { name: 'Dropout and Identity', features: 144, build: (g, x) => g.node('Identity', [g.node('Dropout', [x])]) },
  { name: 'Pad with positive pads', features: 4 * 9 * 8, build: (g, x) => g.node('Pad', [x, g.constant([0, 0, 1, 0, 0, 0, 2, 2])]) },
  { name: 'Pad with negative pads (a crop)', features: 4 * 4 * 5, build: (g, x) => g.node('Pad', [x, g.constant([0, 0, -1, 0, 0, 0, -1, -1])]) },
  { name: 'Softmax over channels (opset 13)', features: 144, build: (g, x) => g.node('Softmax', [x], { axis: 1 }) },
  { name: 'Softmax coerced to 2-D (opset 11)', opset: 11, features: 144, build: (g, x) => g.node('Softmax', [x], { axis: 1 }) },
  { name: 'ReduceMean keeping dims', features: 4, build: (g, x) => g.node('ReduceMean', [x], { axes: [2, 3], keepdims: 1 }) },
  { name: 'ReduceMean dropping dims', features: 24, build: (g, x) => g.node('ReduceMean', [x], { axes: [-1], keepdims: 0 }) },
  {
    name: 'Gather of single channels, as torchvision GoogLeNet normalises its input (opset 11)', opset: 11, features: 108,
    build: (g, x) => g.node('Concat', [0, 1, 2].map((c) => {
      const channel = g.node('Unsqueeze', [g.node('Gather', [x, g.constant([c], [])], { axis: 1 })], { axes: [1] });
      return g.node('Add', [g.node('Mul', [channel, g.constant([0.5 + c], [], 'float32')]), g.constant([0.1 * c], [], 'float32')]);
    }), { axis: 1 }),
  },
  { name: 'Gather with repeated indices', features: 108, build: (g, x) => g.node('Gather', [x, g.constant([3, 1, 1])], { axis: 1 }) },
  { name: 'Slice of a spatial window', features: 64, build: (g, x) => g.node('Slice', [x, g.constant([1, 2]), g.constant([5, 100]), g.constant([2, 3])]) },
  {
    name: 'Split into unequal channel groups with one part unused', features: 108,
    build: (g, x) => g.nodeOutputs('Split', [x, g.constant([1, 3])], { axis: 1 }, { outputs: 2 })[1],
  },
  {
    name: 'Split with the sizes as an attribute (opset 11)', opset: 11, features: 144,
    build: (g, x) => {
      const [a, b] = g.nodeOutputs('Split', [x], { axis: 1, split: [2, 2] }, { outputs: 2 });
      return g.node('Concat', [g.node('Tanh', [b]), g.node('Sigmoid', [a])], { axis: 1 });
    },
  },
  {
    name: 'a Constant node as a weight', features: 144,
    build: (g, x) => {
      const bias = g.node('Constant', [], { value: { dataType: 1, dims: [4, 1, 1], floatData: [0.5, -0.2, 0.1, 0.3] } });
      return g.node('Mul', [x, bias]);
    },
  },
  {
    name: 'a Shape/Gather/Unsqueeze/Concat chain feeding Reshape (opset 11 export style)', opset: 11, features: 144,
    build: (g, x) => {
      const batch = g.node('Unsqueeze', [g.node('Gather', [g.node('Shape', [x]), g.constant([0], [])], { axis: 0 })], { axes: [0] });
      return g.node('Reshape', [x, g.node('Concat', [batch, g.constant([-1])], { axis: 0 })]);
    },
  },
];

describe('the input gradient of each operator agrees with central finite differences', () => {
  for (const test of cases) {
    it(`for ${test.name}`, async () => {
      const model = await loadBuilt(opModel(test), CLASSES);
      const checks = await directionalChecks(model, 2, { seed: test.name, directions: 2 });
      await model.dispose();
      for (const check of checks) expect(check.error, JSON.stringify(check)).toBeLessThan(TOLERANCE);
    });
  }
});
