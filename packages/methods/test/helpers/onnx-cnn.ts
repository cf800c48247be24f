/**
 * A small CNN as a real .onnx file run by onnxruntime-node (through the project's ONNX engine):
 * conv-relu ("features", the Grad-CAM layer), strided conv-relu, global pooling, dense head.
 * Weights are seeded, not trained.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Classifier } from '@saliency-bench/core';
import { loadOnnxClassifier, OnnxGraphBuilder } from '@saliency-bench/models';

export async function loadOnnxCnn(options: { size: number; classes: number; activation?: 'sigmoid' | 'softmax'; seed?: string }): Promise<Classifier> {
  const random = createRandom('methods-onnx-cnn', options.seed ?? 'default');
  const g = new OnnxGraphBuilder({ opset: 13 });
  const weight = (dims: number[], std: number) => {
    const values = random.fillNormal(new Float32Array(dims.reduce((a, b) => a * b, 1)), 0, std);
    return g.initializer(g.fresh('w'), values, dims);
  };
  const conv = (x: string, cin: number, cout: number, stride: number, name?: string) =>
    g.node('Relu', [g.node('Conv', [x, weight([cout, cin, 3, 3], Math.sqrt(2 / (cin * 9))), weight([cout], 0.1)], { kernel_shape: [3, 3], strides: [stride, stride], pads: [1, 1, 1, 1] })], {}, name ? { name } : {});
  const x = g.input('input', ['N', 3, options.size, options.size]);
  const features = conv(x, 3, 8, 1, 'features');
  const deeper = conv(features, 8, 16, 2);
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [deeper])], { axis: 1 });
  g.output(g.node('Gemm', [pooled, weight([options.classes, 16], 1), weight([options.classes], 0.1)], { transB: 1 }), 'logits');
  const path = join(mkdtempSync(join(tmpdir(), 'methods-onnx-')), 'cnn.onnx');
  writeFileSync(path, g.toBytes());
  return loadOnnxClassifier({
    path,
    classes: Array.from({ length: options.classes }, (_, k) => `class${k}`),
    activation: options.activation ?? 'sigmoid',
    mean: [0.5, 0.5, 0.5],
    std: [0.25, 0.25, 0.25],
    threads: 1,
  });
}
