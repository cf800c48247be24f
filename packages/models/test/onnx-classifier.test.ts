import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { decodeModel, encodeModel } from '../src/onnx/proto/onnx-proto.js';
import { loadOnnxClassifier } from '../src/onnx/runtime/onnx-classifier.js';
import { referenceResNet } from '../src/onnx/testing/reference-networks.js';
import { classNames, loadBuilt, randomArray, writeModel } from './onnx-support/gradcheck.js';

const K = 4;

/** x [N, 3, 8, 8] -> Conv 3x3 (5 channels) -> Relu ("features") -> GlobalAveragePool -> Flatten -> Gemm. */
function gapModel() {
  const g = new OnnxGraphBuilder({ opset: 13 });
  const x = g.input('x', ['N', 3, 8, 8]);
  const conv = g.node('Conv', [x, g.initializer('w', randomArray(5 * 27, 'w', 0.4), [5, 3, 3, 3])], { pads: [1, 1, 1, 1] }, { name: 'conv1' });
  const features = g.nodeOutputs('Relu', [conv], {}, { outputs: ['features'], name: 'relu1' })[0];
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [features])]);
  const fc = randomArray(K * 5, 'fc', 0.5);
  g.output(g.node('Gemm', [pooled, g.initializer('fc', fc, [K, 5])], { transB: 1 }), 'logits');
  return { g, fc };
}

describe('loadOnnxClassifier', () => {
  it('returns vjp logits equal to forward (to float32 round-off), and input gradients linear in gLogits', async () => {
    const model = await loadBuilt(referenceResNet(18, { inputSize: 32, classes: K, width: 0.125, seed: 'linearity' }), K);
    const n = 3;
    const x = randomArray(n * 3 * 32 * 32, 'x');
    const [g1, g2] = [randomArray(n * K, 'g1'), randomArray(n * K, 'g2')];
    const mixed = g1.map((v, i) => 2 * v - 0.5 * g2[i]);
    const [a, b, c] = [await model.vjp(x, n, g1), await model.vjp(x, n, g2), await model.vjp(x, n, mixed)];
    // The forward and vjp sessions are different graphs: onnxruntime's NCHWc layout pass (on AVX2
    // machines, 8-channel blocks) may lay out one and not the other, changing the summation order.
    // Same values to float32 round-off, not bit-identical.
    const forward = await model.forward(x, n);
    const logitScale = Math.max(...forward.map(Math.abs));
    a.logits.forEach((v, i) => expect(Math.abs(v - forward[i])).toBeLessThan(1e-5 * logitScale));
    const scale = Math.max(...c.gInput.map(Math.abs));
    c.gInput.forEach((v, i) => expect(Math.abs(v - (2 * a.gInput[i] - 0.5 * b.gInput[i]))).toBeLessThan(1e-5 * scale));
    await model.dispose();
  });

  it('splits batches larger than maxBatch without changing the results', async () => {
    const { g } = gapModel();
    const path = writeModel(g.toBytes());
    const whole = await loadOnnxClassifier({ path, classes: classNames(K), maxBatch: 8 });
    const split = await loadOnnxClassifier({ path, classes: classNames(K), maxBatch: 2 });
    const n = 5;
    const x = randomArray(n * 3 * 64, 'x-split');
    const gl = randomArray(n * K, 'g-split');
    const [one, two] = [await whole.vjp(x, n, gl), await split.vjp(x, n, gl)];
    one.logits.forEach((v, i) => expect(two.logits[i]).toBeCloseTo(v, 5));
    one.gInput.forEach((v, i) => expect(two.gInput[i]).toBeCloseTo(v, 5));
    await Promise.all([whole.dispose(), split.dispose()]);
  });

  it('gives an intermediate activation and its gradient, by value, node name or auto, matching the hand-derived W^T g / HW', async () => {
    const { g, fc } = gapModel();
    const model = await loadBuilt(g, K);
    const n = 2;
    const x = randomArray(n * 3 * 64, 'x-layer');
    const gl = randomArray(n * K, 'g-layer');
    const result = await model.intermediate!(x, n, 'features', gl);
    expect(result.shape).toEqual([n, 5, 8, 8]);
    expect(result.logits).toEqual(await model.forward(x, n));
    expect(Math.min(...result.activation)).toBeGreaterThanOrEqual(0);
    // logits = fc . mean(features): d sum(g * logits) / d features[n, c, :, :] = sum_k g[n, k] fc[k, c] / 64.
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < 5; c++) {
        let expected = 0;
        for (let k = 0; k < K; k++) expected += (gl[s * K + k] * fc[k * 5 + c]) / 64;
        for (let p = 0; p < 64; p++) expect(result.gradient[(s * 5 + c) * 64 + p]).toBeCloseTo(expected, 6);
      }
    }
    const byNode = await model.intermediate!(x, n, 'relu1', gl);
    expect(byNode.gradient).toEqual(result.gradient);
    // "auto" picks the last spatial activation before global pooling: here the Relu output.
    const auto = await model.intermediate!(x, n, 'auto', gl);
    expect(auto.shape).toEqual(result.shape);
    expect(auto.activation).toEqual(result.activation);
    expect(auto.gradient).toEqual(result.gradient);
    await expect(model.intermediate!(x, n, 'no-such-layer', gl)).rejects.toThrow(/no layer named "no-such-layer"/);
    await model.dispose();
  });

  it('keeps a Conv output that feeds BatchNormalization available as a layer (no folding there)', async () => {
    const g = new OnnxGraphBuilder({ opset: 13 });
    const x = g.input('x', ['N', 3, 8, 8]);
    const pre = g.nodeOutputs('Conv', [x, g.initializer('w', randomArray(5 * 27, 'w-bn', 0.4), [5, 3, 3, 3])], { pads: [1, 1, 1, 1] }, { outputs: ['pre'] })[0];
    const scale = Float32Array.from([0.5, 1, 1.5, 2, 2.5]);
    const variance = Float32Array.from([1, 2, 3, 4, 5]);
    const bn = g.node('BatchNormalization', [pre, g.initializer('s', scale, [5]), g.initializer('b', new Float32Array(5).fill(0.1), [5]), g.initializer('m', new Float32Array(5).fill(0.2), [5]), g.initializer('v', variance, [5])], { epsilon: 1e-5 });
    const features = g.nodeOutputs('Relu', [bn], {}, { outputs: ['features'] })[0];
    g.output(g.node('Gemm', [g.node('Flatten', [g.node('GlobalAveragePool', [features])]), g.initializer('fc', randomArray(K * 5, 'fc-bn'), [K, 5])], { transB: 1 }), 'logits');
    const model = await loadBuilt(g, K);
    const n = 2;
    const input = randomArray(n * 3 * 64, 'x-bn');
    const gl = randomArray(n * K, 'g-bn');
    const [before, after] = [await model.intermediate!(input, n, 'pre', gl), await model.intermediate!(input, n, 'features', gl)];
    // d/dpre = d/dfeatures * [features > 0] * scale / sqrt(var + eps), channel by channel.
    before.gradient.forEach((v, i) => {
      const c = Math.floor(i / 64) % 5;
      const expected = after.activation[i] > 0 ? (after.gradient[i] * scale[c]) / Math.sqrt(variance[c] + 1e-5) : 0;
      expect(v).toBeCloseTo(expected, 6);
    });
    await model.dispose();
  });

  it('runs a model exported with a fixed batch of 1 (Model Zoo style) one image at a time', async () => {
    const g = new OnnxGraphBuilder({ opset: 12 });
    const x = g.input('x', [1, 3, 8, 8]);
    const pooled = g.node('Reshape', [g.node('GlobalAveragePool', [g.node('Relu', [x])]), g.constant([1, 3])]);
    g.output(g.node('Gemm', [pooled, g.initializer('fc', randomArray(K * 3, 'fc-fixed'), [K, 3])], { transB: 1 }), 'logits');
    const model = await loadBuilt(g, K);
    const n = 3;
    const input = randomArray(n * 192, 'x-fixed');
    const gl = randomArray(n * K, 'g-fixed');
    const batched = await model.vjp(input, n, gl);
    for (let i = 0; i < n; i++) {
      const single = await model.vjp(input.subarray(i * 192, (i + 1) * 192), 1, gl.subarray(i * K, (i + 1) * K));
      expect(batched.logits.subarray(i * K, (i + 1) * K)).toEqual(single.logits);
      expect(batched.gInput.subarray(i * 192, (i + 1) * 192)).toEqual(single.gInput);
    }
    expect(await model.forward(input, n)).toEqual(batched.logits);
    await model.dispose();
  });

  it('reads class names from a names file relative to the base directory', async () => {
    const { g } = gapModel();
    const path = writeModel(g.toBytes());
    writeFileSync(`${dirname(path)}/names.txt`, 'cat\ndog\n\nbird\nfish\n');
    const model = await loadOnnxClassifier({ path: basename(path), classes: 'names.txt' }, { baseDir: dirname(path) });
    expect(model.info.classes).toEqual(['cat', 'dog', 'bird', 'fish']);
    expect(model.info.inputShape).toEqual([3, 8, 8]);
    expect(model.info.mean).toEqual([0.485, 0.456, 0.406]);
    await model.dispose();
  });

  it('takes the input size from options when the model leaves it dynamic, and refuses a conflicting one', async () => {
    const g = new OnnxGraphBuilder();
    const x = g.input('x', ['N', 3, 'H', 'W']);
    g.output(g.node('Flatten', [g.node('GlobalAveragePool', [x])]), 'logits');
    const path = writeModel(g.toBytes());
    await expect(loadOnnxClassifier({ path, classes: classNames(3) })).rejects.toThrow(/dynamic height\/width; set the inputSize option/);
    const model = await loadOnnxClassifier({ path, classes: classNames(3), inputSize: [5, 7] });
    expect(model.info.inputShape).toEqual([3, 5, 7]);
    await model.dispose();
    const { g: fixed } = gapModel();
    await expect(loadOnnxClassifier({ path: writeModel(fixed.toBytes()), classes: classNames(K), inputSize: [9, 9] })).rejects.toThrow(/differs from the model's static input size/);
  });
});

describe('loadOnnxClassifier with external data', () => {
  it('loads a model whose weights live in a separate data file, with the results of inline weights', async () => {
    const bytes = referenceResNet(18, { inputSize: 32, classes: K, width: 0.125, seed: 'external' }).toBytes();
    const inlinePath = writeModel(bytes, 'inline.onnx');
    const proto = decodeModel(bytes);
    const chunks: Uint8Array[] = [];
    let offset = 0;
    proto.graph!.initializer = proto.graph!.initializer!.map((t) => {
      const raw = t.rawData!;
      const entry = { name: t.name, dims: t.dims, dataType: t.dataType, dataLocation: 1, externalData: [
        { key: 'location', value: 'external.onnx.data' }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(raw.byteLength) }] };
      chunks.push(raw);
      offset += raw.byteLength;
      return entry;
    });
    const path = writeModel(encodeModel(proto), 'external.onnx');
    writeFileSync(`${dirname(path)}/external.onnx.data`, Buffer.concat(chunks));
    const [inline, external] = [await loadOnnxClassifier({ path: inlinePath, classes: classNames(K) }), await loadOnnxClassifier({ path, classes: classNames(K) })];
    const x = randomArray(2 * 3 * 32 * 32, 'x-external');
    const g = randomArray(2 * K, 'g-external');
    // Same function; BatchNormalization folding and the gradient kernels are computed by
    // onnxruntime instead of at compile time (external weights are not read in JS), so only
    // float32 round-off may differ.
    const close = (a: Float32Array, b: Float32Array) => {
      const scale = Math.max(...b.map(Math.abs));
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5 * scale));
    };
    close((await external.vjp(x, 2, g)).gInput, (await inline.vjp(x, 2, g)).gInput);
    close(await external.forward(x, 2), await inline.forward(x, 2));
    await Promise.all([inline.dispose(), external.dispose()]);
  });

  it('refuses to start a later session when the model file was rewritten in place', async () => {
    const bytes = referenceResNet(18, { inputSize: 32, classes: K, width: 0.125, seed: 'rewritten' }).toBytes();
    const path = writeModel(bytes, 'rewritten.onnx');
    const model = await loadOnnxClassifier({ path, classes: classNames(K) });
    writeFileSync(path, readFileSync(path).subarray(0, bytes.length - 8));
    await expect(model.forward(randomArray(3 * 32 * 32, 'x-rewritten'), 1)).rejects.toThrow(/rewritten\.onnx: the model file changed after it was loaded/);
    await model.dispose();
  });
});

describe('loadOnnxClassifier rejects bad input with a message naming the file', () => {
  it('for a file that is not ONNX', async () => {
    const path = writeModel(new TextEncoder().encode('this is a text file, not a model\n'), 'text.onnx');
    await expect(loadOnnxClassifier({ path, classes: classNames(K) })).rejects.toThrow(new RegExp(`${path}: not a valid ONNX model`));
  });

  it('for a truncated file', async () => {
    const bytes = gapModel().g.toBytes();
    const path = writeModel(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'truncated.onnx');
    await expect(loadOnnxClassifier({ path, classes: classNames(K) })).rejects.toThrow(/truncated\.onnx: not a valid ONNX model/);
  });

  it('for a missing file', async () => {
    await expect(loadOnnxClassifier({ path: '/nonexistent/model.onnx', classes: classNames(K) })).rejects.toThrow(/\/nonexistent\/model\.onnx: cannot read the ONNX model \(ENOENT\)/);
  });

  it('for an input that is not a 4-D float tensor', async () => {
    const g = new OnnxGraphBuilder();
    g.output(g.node('Relu', [g.input('x', ['N', 10])]), 'logits');
    await expect(loadOnnxClassifier({ path: writeModel(g.toBytes(), 'flat.onnx'), classes: classNames(10) })).rejects.toThrow(/flat\.onnx: the input "x" is a tensor of element type 1 and rank 2; the ONNX engine needs a 4-D float32 tensor/);
  });

  it('for a class list whose length differs from the logits', async () => {
    const path = writeModel(gapModel().g.toBytes(), 'classes.onnx');
    await expect(loadOnnxClassifier({ path, classes: classNames(7) })).rejects.toThrow(/classes\.onnx: the model has 4 outputs but the classes option lists 7 classes/);
  });

  it('for an unsupported operator, naming the op and the node', async () => {
    const g = new OnnxGraphBuilder();
    const x = g.input('x', ['N', 3, 4, 4]);
    const y = g.node('Erf', [x], {}, { name: 'mystery' });
    g.output(g.node('Flatten', [g.node('GlobalAveragePool', [y])]), 'logits');
    await expect(loadOnnxClassifier({ path: writeModel(g.toBytes(), 'erf.onnx'), classes: classNames(3) })).rejects.toThrow(/erf\.onnx: node "mystery" uses the operator Erf, which the ONNX engine does not support/);
  });

  it('for NaN or Inf in the outputs', async () => {
    const g = new OnnxGraphBuilder();
    const x = g.input('x', ['N', 3, 4, 4]);
    const y = g.node('Div', [x, g.constant([0], [], 'float32')]);
    g.output(g.node('Flatten', [g.node('GlobalAveragePool', [y])]), 'logits');
    const model = await loadOnnxClassifier({ path: writeModel(g.toBytes(), 'nan.onnx'), classes: classNames(3) });
    const input = randomArray(48, 'nan');
    await expect(model.forward(input, 1)).rejects.toThrow(/nan\.onnx: the logits contain (NaN|Infinity|-Infinity)/);
    await expect(model.vjp(input, 1, new Float32Array(3).fill(1))).rejects.toThrow(/nan\.onnx: the logits contain/);
    await model.dispose();
  });

  it('for a batch whose size does not match n', async () => {
    const model = await loadBuilt(gapModel().g, K);
    await expect(model.forward(new Float32Array(10), 1)).rejects.toThrow(/the input has 10 values; expected n x 192 = 192/);
    await model.dispose();
  });
});

