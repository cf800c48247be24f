/**
 * Random-weight classifiers shaped like torchvision's ResNet (He et al. 2016), VGG (Simonyan &
 * Zisserman 2015) and an Inception/GoogLeNet-style net with LRN (Szegedy et al. 2015), built with
 * OnnxGraphBuilder. They exercise the engine in tests and benchmarks; the weights are seeded
 * (He-normal), not trained.
 */
import { createRandom } from '@saliency-bench/core';
import { OnnxGraphBuilder } from '../compiler/graph-builder.js';

export interface ReferenceNetworkOptions {
  inputSize: number;
  classes: number;
  /** Channel width multiplier (1 = the real network's widths). */
  width?: number;
  seed?: string;
  opset?: number;
  /**
   * Tanh instead of Relu and AveragePool instead of MaxPool: the same graph structure without
   * kinks, so finite differences can check its gradients tightly.
   */
  smooth?: boolean;
}

class Layers {
  readonly g: OnnxGraphBuilder;
  private readonly random;
  private readonly smooth: boolean;

  constructor(options: ReferenceNetworkOptions) {
    this.smooth = options.smooth ?? false;
    this.g = new OnnxGraphBuilder({ opset: options.opset ?? 13 });
    this.random = createRandom('reference-network', options.seed ?? 'default');
  }

  weight(dims: number[], std: number, mean = 0): string {
    const values = this.random.fillNormal(new Float32Array(dims.reduce((a, b) => a * b, 1)), mean, std);
    return this.g.initializer(this.g.fresh('w'), values, dims);
  }

  conv(x: string, cin: number, cout: number, k: number, stride = 1, pad = Math.floor(k / 2), bias = true): string {
    const w = this.weight([cout, cin, k, k], Math.sqrt(2 / (cin * k * k)));
    const inputs = bias ? [x, w, this.weight([cout], 0.01)] : [x, w];
    return this.g.node('Conv', inputs, { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad] });
  }

  batchNorm(x: string, c: number): string {
    const inputs = [x, this.weight([c], 0.05, 1), this.weight([c], 0.05), this.weight([c], 0.05), this.weight([c], 0.05, 1)];
    return this.g.node('BatchNormalization', inputs, { epsilon: 1e-5 });
  }

  relu(x: string): string {
    return this.g.node(this.smooth ? 'Tanh' : 'Relu', [x]);
  }

  maxPool(x: string, k: number, stride: number, pad = 0, ceil = 0): string {
    return this.g.node(this.smooth ? 'AveragePool' : 'MaxPool', [x], { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad], ceil_mode: ceil });
  }

  linear(x: string, fin: number, fout: number): string {
    return this.g.node('Gemm', [x, this.weight([fout, fin], Math.sqrt(1 / fin)), this.weight([fout], 0.01)], { transB: 1 });
  }

  head(x: string, channels: number, classes: number): OnnxGraphBuilder {
    const pooled = this.g.node('Flatten', [this.g.node('GlobalAveragePool', [x])], { axis: 1 });
    this.g.output(this.linear(pooled, channels, classes), 'logits');
    return this.g;
  }
}

/** ResNet-18 (basic blocks) or ResNet-50 (bottlenecks). */
export function referenceResNet(depth: 18 | 50, options: ReferenceNetworkOptions): OnnxGraphBuilder {
  const l = new Layers(options);
  const scale = options.width ?? 1;
  const ch = (c: number) => Math.max(1, Math.round(c * scale));
  const x = l.g.input('input', ['N', 3, options.inputSize, options.inputSize]);
  let y = l.maxPool(l.relu(l.batchNorm(l.conv(x, 3, ch(64), 7, 2, 3, false), ch(64))), 3, 2, 1);
  let cin = ch(64);
  const blocks = depth === 50 ? [3, 4, 6, 3] : [2, 2, 2, 2];
  const expansion = depth === 50 ? 4 : 1;
  blocks.forEach((count, stage) => {
    const width = ch(64 * 2 ** stage);
    for (let b = 0; b < count; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const cout = width * expansion;
      let z: string;
      if (depth === 50) {
        z = l.relu(l.batchNorm(l.conv(y, cin, width, 1, 1, 0, false), width));
        z = l.relu(l.batchNorm(l.conv(z, width, width, 3, stride, 1, false), width));
        z = l.batchNorm(l.conv(z, width, cout, 1, 1, 0, false), cout);
      } else {
        z = l.relu(l.batchNorm(l.conv(y, cin, width, 3, stride, 1, false), width));
        z = l.batchNorm(l.conv(z, width, cout, 3, 1, 1, false), cout);
      }
      const shortcut = stride !== 1 || cin !== cout ? l.batchNorm(l.conv(y, cin, cout, 1, stride, 0, false), cout) : y;
      y = l.relu(l.g.node('Add', [z, shortcut]));
      cin = cout;
    }
  });
  return l.head(y, cin, options.classes);
}

/** VGG-16 (optionally with BatchNormalization), with torchvision's 7x7 adaptive pooling as an AveragePool. */
export function referenceVgg16(options: ReferenceNetworkOptions & { batchNorm?: boolean; hidden?: number }): OnnxGraphBuilder {
  const l = new Layers(options);
  const scale = options.width ?? 1;
  const config = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];
  let y = l.g.input('input', ['N', 3, options.inputSize, options.inputSize]);
  let cin = 3;
  let size = options.inputSize;
  for (const c of config) {
    if (c === 0) {
      y = l.maxPool(y, 2, 2);
      size = Math.floor(size / 2);
      continue;
    }
    const cout = Math.max(1, Math.round(c * scale));
    y = l.conv(y, cin, cout, 3, 1, 1, !options.batchNorm);
    y = l.relu(options.batchNorm ? l.batchNorm(y, cout) : y);
    cin = cout;
  }
  if (size > 7) y = l.g.node('AveragePool', [y], { kernel_shape: [size - 6, size - 6], strides: [1, 1] });
  const features = cin * Math.min(size, 7) ** 2;
  const hidden = options.hidden ?? Math.max(8, Math.round(4096 * scale));
  y = l.g.node('Flatten', [y], { axis: 1 });
  y = l.g.node('Dropout', [l.relu(l.linear(y, features, hidden))]);
  y = l.g.node('Dropout', [l.relu(l.linear(y, hidden, hidden))]);
  l.g.output(l.linear(y, hidden, options.classes), 'logits');
  return l.g;
}

/** A GoogLeNet-style net: stem with LRN and ceil_mode pooling, Inception blocks of four branches. */
export function referenceInception(options: ReferenceNetworkOptions & { blocks?: number }): OnnxGraphBuilder {
  const l = new Layers(options);
  const c = (n: number) => Math.max(1, Math.round(n * (options.width ?? 1)));
  const x = l.g.input('input', ['N', 3, options.inputSize, options.inputSize]);
  let y = l.maxPool(l.relu(l.conv(x, 3, c(64), 7, 2, 3)), 3, 2, 0, 1);
  y = l.g.node('LRN', [y], { size: 5, alpha: 1e-4, beta: 0.75, bias: 1 });
  y = l.relu(l.conv(y, c(64), c(192), 3));
  y = l.maxPool(l.g.node('LRN', [y], { size: 5, alpha: 1e-4, beta: 0.75, bias: 1 }), 3, 2, 0, 1);
  let cin = c(192);
  for (let b = 0; b < (options.blocks ?? 2); b++) {
    const [b1, b3r, b3, b5r, b5, bp] = [64, 96, 128, 16, 32, 32].map(c);
    const one = l.relu(l.conv(y, cin, b1, 1));
    const three = l.relu(l.conv(l.relu(l.conv(y, cin, b3r, 1)), b3r, b3, 3));
    const five = l.relu(l.conv(l.relu(l.conv(y, cin, b5r, 1)), b5r, b5, 5));
    const pool = l.relu(l.conv(l.maxPool(y, 3, 1, 1, 1), cin, bp, 1));
    y = l.g.node('Concat', [one, three, five, pool], { axis: 1 });
    cin = b1 + b3 + b5 + bp;
  }
  return l.head(y, cin, options.classes);
}
