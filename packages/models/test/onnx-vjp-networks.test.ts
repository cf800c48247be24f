import { describe, it, expect } from 'vitest';
import { referenceInception, referenceResNet, referenceVgg16 } from '../src/onnx/testing/reference-networks.js';
import type { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { directionalChecks, float64Checks, loadBuilt } from './onnx-support/gradcheck.js';
import { float64Reference } from './onnx-support/float64-reference.js';
import { alexNetLike, denseNetLike, mobileNetV2Like, squeezeNetLike } from './onnx-support/zoo-networks.js';

const CLASSES = 5;

const networks: [string, (smooth: boolean) => OnnxGraphBuilder][] = [
  ['a ResNet-18-shaped net (BatchNormalization, residual Add, padded pooling)', (smooth) => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'r18', smooth })],
  ['a ResNet-18-shaped net at opset 11', (smooth) => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'r18-11', smooth, opset: 11 })],
  ['a ResNet-18-shaped net at opset 17', (smooth) => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'r18-17', smooth, opset: 17 })],
  ['a ResNet-50-shaped net (bottlenecks, strided 1x1 shortcuts)', (smooth) => referenceResNet(50, { inputSize: 32, classes: CLASSES, width: 0.0625, seed: 'r50', smooth })],
  ['a VGG-16-bn-shaped net (Dropout, Gemm head)', (smooth) => referenceVgg16({ inputSize: 32, classes: CLASSES, width: 0.0625, batchNorm: true, hidden: 32, seed: 'vgg', smooth })],
  ['an Inception-shaped net (Concat branches, LRN, ceil_mode pooling)', (smooth) => referenceInception({ inputSize: 40, classes: CLASSES, width: 0.125, seed: 'inception', smooth })],
];

const zoo: [string, () => OnnxGraphBuilder][] = [
  ['a MobileNetV2-shaped net (depthwise Conv, Clip as ReLU6, inverted residuals)', () => mobileNetV2Like(CLASSES)],
  ['a SqueezeNet-1.1-shaped net (fire modules, ceil_mode MaxPool, Conv head)', () => squeezeNetLike(CLASSES)],
  ['a DenseNet-shaped net (dense concatenation, AveragePool transitions)', () => denseNetLike(CLASSES)],
  ['an AlexNet-shaped net (11x11 stride-4 Conv, Dropout + Gemm head)', () => alexNetLike(CLASSES)],
];

describe('whole-network input gradients', () => {
  // Relu and MaxPool kinks defeat float32 differences (steps that cross none meet float32 noise),
  // so the differences come from an independent float64 interpreter of the same model.
  for (const [name, build] of [...networks.map(([n, b]): [string, () => OnnxGraphBuilder] => [n, () => b(false)]), ...zoo]) {
    it(`agree with float64 finite differences for ${name}, within 1e-5`, async () => {
      const g = build();
      const model = await loadBuilt(g, CLASSES);
      const { checks, logitsError } = await float64Checks(model, float64Reference(g.toBytes()), 2, { seed: name });
      await model.dispose();
      expect(logitsError).toBeLessThan(1e-5);
      for (const check of checks) expect(check.error, JSON.stringify(check)).toBeLessThan(1e-5);
    });
  }

  // The same structures without kinks (Tanh, AveragePool), checked by onnxruntime's own float32
  // forward, including VGG-16 at 256 pixels where adaptive pooling becomes an AveragePool.
  const smooth: [string, () => OnnxGraphBuilder, number][] = [
    ...networks.map(([name, build]): [string, () => OnnxGraphBuilder, number] => [name, () => build(true), 2]),
    ['a VGG-16-shaped net at 256 pixels (adaptive pooling as AveragePool)', () => referenceVgg16({ inputSize: 256, classes: CLASSES, width: 0.03125, hidden: 16, seed: 'vgg256', smooth: true }), 1],
  ];
  for (const [name, build, n] of smooth) {
    it(`agree with float32 finite differences for ${name} with smooth activations, within 2e-3`, async () => {
      const model = await loadBuilt(build(), CLASSES);
      const checks = await directionalChecks(model, n, { seed: `${name} smooth`, directions: 3 });
      await model.dispose();
      for (const check of checks) expect(check.error, JSON.stringify(check)).toBeLessThan(2e-3);
    });
  }
});
