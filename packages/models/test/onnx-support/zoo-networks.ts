/**
 * Small random-weight nets with the building blocks of the other torchvision classifiers the
 * engine targets: MobileNetV2 (depthwise Conv, Clip as ReLU6, inverted residuals), SqueezeNet 1.1
 * (fire modules, ceil_mode MaxPool, Conv head), DenseNet (dense concatenation, AveragePool
 * transitions) and AlexNet (11x11 stride-4 Conv, Gemm head with Dropout).
 */
import { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { randomArray } from './gradcheck.js';

class Net {
  readonly g = new OnnxGraphBuilder({ opset: 13 });
  private count = 0;
  constructor(private readonly seed: string) {}

  private weight(dims: number[], std: number, mean = 0): string {
    const values = randomArray(dims.reduce((a, b) => a * b, 1), `${this.seed}-${++this.count}`, std).map((v) => v + mean);
    return this.g.initializer(this.g.fresh('w'), values, dims);
  }

  conv(x: string, cin: number, cout: number, k: number, options: { stride?: number; pad?: number; group?: number } = {}): string {
    const { stride = 1, pad = Math.floor(k / 2), group = 1 } = options;
    const w = this.weight([cout, cin / group, k, k], Math.sqrt(2 / ((cin / group) * k * k)));
    return this.g.node('Conv', [x, w, this.weight([cout], 0.05)], { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad], group });
  }

  bn(x: string, c: number): string {
    return this.g.node('BatchNormalization', [x, this.weight([c], 0.1, 1), this.weight([c], 0.1), this.weight([c], 0.1), this.weight([c], 0.1, 1)]);
  }

  relu(x: string): string {
    return this.g.node('Relu', [x]);
  }

  relu6(x: string): string {
    return this.g.node('Clip', [x, this.g.constant([0], [], 'float32'), this.g.constant([6], [], 'float32')]);
  }

  maxPool(x: string, k: number, stride: number, ceil = 0, pad = 0): string {
    return this.g.node('MaxPool', [x], { kernel_shape: [k, k], strides: [stride, stride], ceil_mode: ceil, pads: [pad, pad, pad, pad] });
  }

  gemm(x: string, fin: number, fout: number): string {
    return this.g.node('Gemm', [x, this.weight([fout, fin], Math.sqrt(1 / fin)), this.weight([fout], 0.05)], { transB: 1 });
  }

  gapHead(x: string, channels: number, classes: number): OnnxGraphBuilder {
    const flat = this.g.node('Flatten', [this.g.node('GlobalAveragePool', [x])]);
    this.g.output(this.gemm(this.g.node('Dropout', [flat]), channels, classes), 'logits');
    return this.g;
  }
}

export function mobileNetV2Like(classes: number, size = 32): OnnxGraphBuilder {
  const n = new Net('mobilenet');
  let y = n.relu6(n.bn(n.conv(n.g.input('x', ['N', 3, size, size]), 3, 8, 3, { stride: 2 }), 8));
  let c = 8;
  for (const [expand, out, stride] of [[1, 8, 1], [4, 12, 2], [4, 12, 1]]) {
    const hidden = c * expand;
    let z = expand === 1 ? y : n.relu6(n.bn(n.conv(y, c, hidden, 1), hidden));
    z = n.relu6(n.bn(n.conv(z, hidden, hidden, 3, { stride, group: hidden }), hidden));
    z = n.bn(n.conv(z, hidden, out, 1), out);
    y = stride === 1 && c === out ? n.g.node('Add', [y, z]) : z;
    c = out;
  }
  return n.gapHead(n.relu6(n.bn(n.conv(y, c, 32, 1), 32)), 32, classes);
}

export function squeezeNetLike(classes: number, size = 33): OnnxGraphBuilder {
  const n = new Net('squeezenet');
  const fire = (x: string, cin: number, squeeze: number, expand: number) => {
    const s = n.relu(n.conv(x, cin, squeeze, 1));
    return n.g.node('Concat', [n.relu(n.conv(s, squeeze, expand, 1)), n.relu(n.conv(s, squeeze, expand, 3))], { axis: 1 });
  };
  let y = n.maxPool(n.relu(n.conv(n.g.input('x', ['N', 3, size, size]), 3, 8, 3, { stride: 2, pad: 0 })), 3, 2, 1);
  y = n.maxPool(fire(fire(y, 8, 4, 8), 16, 4, 8), 3, 2, 1);
  y = n.g.node('Dropout', [fire(y, 16, 6, 12)]);
  y = n.relu(n.conv(y, 24, classes, 1));
  n.g.output(n.g.node('Flatten', [n.g.node('GlobalAveragePool', [y])]), 'logits');
  return n.g;
}

export function denseNetLike(classes: number, size = 32): OnnxGraphBuilder {
  const n = new Net('densenet');
  const growth = 4;
  const block = (x: string, c: number, layers: number): [string, number] => {
    for (let i = 0; i < layers; i++) {
      const z = n.conv(n.relu(n.bn(n.conv(n.relu(n.bn(x, c)), c, 4 * growth, 1), 4 * growth)), 4 * growth, growth, 3);
      x = n.g.node('Concat', [x, z], { axis: 1 });
      c += growth;
    }
    return [x, c];
  };
  let y = n.maxPool(n.relu(n.bn(n.conv(n.g.input('x', ['N', 3, size, size]), 3, 8, 7, { stride: 2 }), 8)), 3, 2, 0, 1);
  let c = 8;
  [y, c] = block(y, c, 2);
  y = n.g.node('AveragePool', [n.conv(n.relu(n.bn(y, c)), c, c / 2, 1)], { kernel_shape: [2, 2], strides: [2, 2] });
  [y, c] = block(y, c / 2, 2);
  return n.gapHead(n.relu(n.bn(y, c)), c, classes);
}

export function alexNetLike(classes: number, size = 63): OnnxGraphBuilder {
  const n = new Net('alexnet');
  let y = n.maxPool(n.relu(n.conv(n.g.input('x', ['N', 3, size, size]), 3, 8, 11, { stride: 4, pad: 2 })), 3, 2);
  y = n.maxPool(n.relu(n.conv(y, 8, 12, 5, { pad: 2 })), 3, 2);
  y = n.relu(n.conv(n.relu(n.conv(n.relu(n.conv(y, 12, 16, 3)), 16, 12, 3)), 12, 12, 3));
  y = n.g.node('Flatten', [n.maxPool(y, 3, 2)]);
  y = n.relu(n.gemm(n.g.node('Dropout', [y]), 12, 16));
  y = n.relu(n.gemm(n.g.node('Dropout', [y]), 16, 16));
  n.g.output(n.gemm(y, 16, classes), 'logits');
  return n.g;
}
