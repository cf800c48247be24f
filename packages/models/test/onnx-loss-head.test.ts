import { describe, expect, it } from 'vitest';
import { createRandom, evaluateLossHead, LOSS_HEAD_PARTS, type LossHead } from '@saliency-bench/core';
import { referenceInception, referenceResNet, referenceVgg16 } from '../src/onnx/testing/reference-networks.js';
import type { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { OnnxGraphBuilder as Builder } from '../src/onnx/compiler/graph-builder.js';
import { loadBuilt, randomArray } from './onnx-support/gradcheck.js';
import { alexNetLike, denseNetLike, mobileNetV2Like, squeezeNetLike } from './onnx-support/zoo-networks.js';

const CLASSES = 5;
const ROWS = 3;

const networks: [string, () => OnnxGraphBuilder][] = [
  ['a ResNet-18-shaped', () => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'head-r18' })],
  ['a ResNet-50-shaped', () => referenceResNet(50, { inputSize: 32, classes: CLASSES, width: 0.0625, seed: 'head-r50' })],
  ['a VGG-16-bn-shaped', () => referenceVgg16({ inputSize: 32, classes: CLASSES, width: 0.0625, batchNorm: true, hidden: 32, seed: 'head-vgg' })],
  ['an Inception-shaped', () => referenceInception({ inputSize: 40, classes: CLASSES, width: 0.125, seed: 'head-inception' })],
  ['a MobileNetV2-shaped', () => mobileNetV2Like(CLASSES)],
  ['a SqueezeNet-1.1-shaped', () => squeezeNetLike(CLASSES)],
  ['a DenseNet-shaped', () => denseNetLike(CLASSES)],
  ['an AlexNet-shaped', () => alexNetLike(CLASSES)],
];

/** Every field set; the last row has no max candidate. */
function randomHead(seed: string, rows: number): LossHead {
  const random = createRandom('onnx-loss-head', seed);
  const normal = (length: number) => random.fillNormal(new Float32Array(length));
  const candidates = new Float32Array(rows * CLASSES).map(() => (random.uniform() < 0.6 ? 1 : 0));
  candidates.fill(0, (rows - 1) * CLASSES);
  return {
    logit: normal(rows * CLASSES),
    probability: normal(rows * CLASSES),
    divergence: normal(rows * CLASSES),
    reference: new Float32Array(rows * CLASSES).map(() => random.uniform()),
    maxLogit: normal(rows),
    maxProbability: normal(rows),
    candidates,
  };
}

const maxAbs = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('the loss head inside the vjp graph (one engine call per step)', () => {
  for (const [name, build] of networks) {
    for (const activation of ['sigmoid', 'softmax'] as const) {
      it(`gives the two-call path's input gradients and loss parts on ${name} net (${activation}), within 1e-5`, async () => {
        const model = await loadBuilt(build(), CLASSES, { activation });
        const [c, h, w] = model.info.inputShape;
        const x = randomArray(ROWS * c * h * w, `${name} x`);
        const head = randomHead(`${name} ${activation}`, ROWS);
        const one = await model.vjpWithHead!(x, ROWS, head);
        // The fallback: forward, the head in JavaScript (float64), then vjp with its dL/dlogits.
        const logits = await model.forward(x, ROWS);
        const js = evaluateLossHead(head, logits, ROWS, CLASSES, activation);
        const two = await model.vjp(x, ROWS, Float32Array.from(js.gLogits));
        await model.dispose();
        expect(one.logits).toEqual(two.logits);
        expect(one.parts.length).toBe(ROWS * LOSS_HEAD_PARTS.length);
        expect(maxDiff(one.parts, js.parts)).toBeLessThan(1e-5 * Math.max(1, maxAbs(js.parts)));
        expect(maxDiff(one.gInput, two.gInput)).toBeLessThan(1e-5 * maxAbs(two.gInput));
      });
    }
  }

  it('leaves the plain vjp exact: gLogits reaches the logits unchanged when the rest of the head is zero', async () => {
    // logits = Flatten(x): the input gradient is dL/dlogits itself.
    const g = new Builder({ opset: 13 });
    g.output(g.node('Flatten', [g.input('x', ['N', CLASSES, 1, 1])], { axis: 1 }), 'logits');
    const model = await loadBuilt(g, CLASSES, { activation: 'softmax', mean: new Array(CLASSES).fill(0), std: new Array(CLASSES).fill(1) });
    const gLogits = randomArray(2 * CLASSES, 'plain g');
    const { gInput } = await model.vjp(randomArray(2 * CLASSES, 'plain x'), 2, gLogits);
    await model.dispose();
    expect(gInput).toEqual(gLogits);
  });

  it('gives a tied maximum to the first candidate holding it, as the JavaScript evaluation does', async () => {
    const g = new Builder({ opset: 13 });
    g.output(g.node('Flatten', [g.input('x', ['N', CLASSES, 1, 1])], { axis: 1 }), 'logits');
    const model = await loadBuilt(g, CLASSES, { activation: 'sigmoid', mean: new Array(CLASSES).fill(0), std: new Array(CLASSES).fill(1) });
    // Row 0: classes 1, 2 and 4 tie at 5, class 1 is no candidate: b = 2. Row 1: no candidate.
    const x = Float32Array.of(2, 5, 5, 1, 5, 3, 3, 3, 3, 3);
    const head = { maxLogit: Float32Array.of(1, 1), candidates: Float32Array.of(1, 0, 1, 1, 1, 0, 0, 0, 0, 0) };
    const { gInput, parts } = await model.vjpWithHead!(x, 2, head);
    await model.dispose();
    expect(Array.from(gInput)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parts[3]).toBe(5);
    expect(parts[8]).toBe(0);
    expect(Array.from(evaluateLossHead(head, x, 2, CLASSES, 'sigmoid').gLogits)).toEqual(Array.from(gInput));
  });

  it('has a gradient equal to float64 central differences of its own float32 parts (logits = input)', async () => {
    const g = new Builder({ opset: 13 });
    g.output(g.node('Flatten', [g.input('x', ['N', CLASSES, 1, 1])], { axis: 1 }), 'logits');
    for (const activation of ['sigmoid', 'softmax'] as const) {
      const model = await loadBuilt(g, CLASSES, { activation, mean: new Array(CLASSES).fill(0), std: new Array(CLASSES).fill(1) });
      const head = randomHead(`fd ${activation}`, 2);
      const x = randomArray(2 * CLASSES, `fd x ${activation}`);
      const { gInput } = await model.vjpWithHead!(x, 2, head);
      const loss = async (values: Float32Array) => (await model.vjpWithHead!(values, 2, head)).parts.reduce((a, b) => a + b, 0);
      const h = 1e-2;
      for (let i = 0; i < x.length; i++) {
        const plus = x.slice();
        const minus = x.slice();
        plus[i] += h;
        minus[i] -= h;
        const numeric = ((await loss(plus)) - (await loss(minus))) / (2 * h);
        expect(Math.abs(gInput[i] - numeric), `${activation} logit ${i}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
      }
      await model.dispose();
    }
  });
});
