import { describe, it, expect } from 'vitest';
import { referenceInception, referenceResNet, referenceVgg16, type ReferenceNetworkOptions } from '../src/onnx/reference-networks.js';
import type { OnnxGraphBuilder } from '../src/onnx/graph-builder.js';
import { directionalChecks, loadBuilt } from './onnx-support/gradcheck.js';

const CLASSES = 5;

const networks: [string, (smooth: boolean) => OnnxGraphBuilder, { n?: number }?][] = [
  ['a ResNet-18-shaped net (BatchNormalization, residual Add, padded pooling)', (smooth) => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'r18', smooth })],
  ['a ResNet-50-shaped net (bottlenecks, strided 1x1 shortcuts)', (smooth) => referenceResNet(50, { inputSize: 32, classes: CLASSES, width: 0.0625, seed: 'r50', smooth })],
  ['a VGG-16-bn-shaped net (Dropout, Gemm head)', (smooth) => referenceVgg16({ inputSize: 32, classes: CLASSES, width: 0.0625, batchNorm: true, hidden: 32, seed: 'vgg', smooth })],
  ['a VGG-16-shaped net at 256 pixels (adaptive pooling as AveragePool)', (smooth) => referenceVgg16({ inputSize: 256, classes: CLASSES, width: 0.03125, hidden: 16, seed: 'vgg256', smooth }), { n: 1 }],
  ['an Inception-shaped net (Concat branches, LRN, ceil_mode pooling)', (smooth) => referenceInception({ inputSize: 40, classes: CLASSES, width: 0.125, seed: 'inception', smooth } as ReferenceNetworkOptions)],
];

async function worstError(build: () => OnnxGraphBuilder, seed: string, n: number, ladder = 8): Promise<number> {
  const model = await loadBuilt(build(), CLASSES);
  const checks = await directionalChecks(model, n, { seed, directions: 3, ladder });
  await model.dispose();
  return Math.max(...checks.map((check) => check.error));
}

describe('whole-network input gradients agree with central finite differences', () => {
  // Without kinks (Tanh, AveragePool) float32 differences are accurate: the tolerance is tight.
  for (const [name, build, options] of networks) {
    it(`for ${name}, with smooth activations, within 2e-3`, async () => {
      expect(await worstError(() => build(true), `${name} smooth`, options?.n ?? 2)).toBeLessThan(2e-3);
    });
  }
  // With Relu and MaxPool, steps small enough to cross no kink meet float32 noise, so differences
  // are only good to 1-20% (measured: docs/onnx-engine.md); a wrong rule or a lost branch would be
  // off by far more, and the smooth twins above check the same structure tightly.
  for (const [name, build, options] of networks) {
    it(`for ${name}, with Relu and MaxPool, within 2.5e-1`, async () => {
      expect(await worstError(() => build(false), name, options?.n ?? 2, 12)).toBeLessThan(2.5e-1);
    });
  }
});
