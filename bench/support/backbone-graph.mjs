import { createRandom } from '@saliency-bench/core';
import { OnnxGraphBuilder } from '@saliency-bench/models';

/**
 * The built-in backbone's architecture at 96 px with seeded random weights (benches time it; the
 * values do not matter): conv3x3/2+ReLU, [conv3x3+ReLU+maxpool2] x3, conv3x3+ReLU (conv5), GAP, dense.
 * Returns the graph builder (callers take `toBytes()` or read its layers).
 */
export function backboneGraph(classes, seed) {
  const random = createRandom(seed);
  const g = new OnnxGraphBuilder({ opset: 13 });
  const weight = (dims, std) => g.initializer(g.fresh('w'), random.fillNormal(new Float32Array(dims.reduce((a, b) => a * b, 1)), 0, std), dims);
  let x = g.input('input', ['N', 3, 96, 96]);
  let cin = 3;
  [16, 32, 64, 128, 128].forEach((cout, i) => {
    // The stem halves the image (TensorFlow "same" padding: the odd pixel at the end).
    const stem = i === 0 ? { strides: [2, 2], pads: [0, 0, 1, 1] } : { pads: [1, 1, 1, 1] };
    const conv = g.node('Conv', [x, weight([cout, cin, 3, 3], Math.sqrt(2 / (cin * 9))), weight([cout], 0.01)], { kernel_shape: [3, 3], ...stem });
    x = g.node('Relu', [conv], {}, { name: `conv${i + 1}` });
    if (i > 0 && i < 4) x = g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
    cin = cout;
  });
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  g.output(g.node('Gemm', [pooled, weight([classes, cin], Math.sqrt(1 / cin)), weight([classes], 0.01)], { transB: 1 }), 'logits');
  return g;
}
