/**
 * Every graph the engine compiles (forward, vjp, Grad-CAM's intermediate) for the reference
 * networks and the built-in model runs on onnxruntime's WebGPU provider (through SwiftShader, a
 * CPU Vulkan driver, when there is no GPU) and gives the CPU provider's results. (The child also
 * collects onnxruntime's node-placement log; asserting on it is not done yet: a few shape nodes
 * of some graphs are still placed on the CPU provider.)
 */
import { describe, expect, it } from 'vitest';
import { loadOnnxClassifier } from '../src/onnx/runtime/onnx-classifier.js';
import { BUILTIN_CLASSES, BUILTIN_ONNX_MODEL } from '../src/backbone/builtin-weights.js';
import { referenceInception, referenceResNet, referenceVgg16 } from '../src/onnx/testing/reference-networks.js';
import type { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { classNames, randomArray, writeModel } from './onnx-support/gradcheck.js';
import { alexNetLike, denseNetLike, mobileNetV2Like, squeezeNetLike } from './onnx-support/zoo-networks.js';
import { relativeError, runOnWebGpu, type WebGpuJob } from './webgpu-support/webgpu-run.js';
import { webGpuAvailable } from './webgpu-support/webgpu-available.js';

const CLASSES = 5;
const N = 2;

/**
 * Float32 results of the same graph in another summation order (GPU tiles vs the CPU's blocked
 * kernels) differ by round-off: dot products of up to a few thousand terms, each step rounding at
 * 6e-8 relative, through up to ~20 layers. Measured worst case on SwiftShader: 1.4e-6 of the
 * largest value; 1e-5 leaves 7x headroom and still catches any wrong kernel (those were off by
 * 10-500%).
 */
const TOLERANCE = 1e-5;

const networks: [string, () => OnnxGraphBuilder][] = [
  ['ResNet-18-shaped', () => referenceResNet(18, { inputSize: 32, classes: CLASSES, width: 0.125, seed: 'r18' })],
  ['ResNet-50-shaped', () => referenceResNet(50, { inputSize: 32, classes: CLASSES, width: 0.0625, seed: 'r50' })],
  ['VGG-16-bn-shaped', () => referenceVgg16({ inputSize: 32, classes: CLASSES, width: 0.0625, batchNorm: true, hidden: 32, seed: 'vgg' })],
  ['Inception-shaped', () => referenceInception({ inputSize: 40, classes: CLASSES, width: 0.125, seed: 'inception' })],
  ['MobileNetV2-shaped', () => mobileNetV2Like(CLASSES)],
  ['SqueezeNet-1.1-shaped', () => squeezeNetLike(CLASSES)],
  ['DenseNet-shaped', () => denseNetLike(CLASSES)],
  ['AlexNet-shaped', () => alexNetLike(CLASSES)],
];

/** All three compiled graphs for these; the vjp graph (a superset of the others' op forms) for the rest. */
const ALL_GRAPHS = new Set(['ResNet-18-shaped', 'SqueezeNet-1.1-shaped', 'built-in']);

describe.skipIf(!webGpuAvailable())('the WebGPU provider (SwiftShader without a GPU)', () => {
  const models: [string, () => string, string[] | string][] = [
    ...networks.map(([name, build]): [string, () => string, string[]] => [name, () => writeModel(build().toBytes()), classNames(CLASSES)]),
    ['built-in', () => BUILTIN_ONNX_MODEL, BUILTIN_CLASSES],
  ];
  for (const [name, write, classes] of models) {
    const graphs = ALL_GRAPHS.has(name) ? ['forward', 'vjp', 'intermediate'] : ['vjp'];
    it(`runs the ${graphs.join(', ')} graph(s) of the ${name} net on WebGPU with the CPU provider's results`, async () => {
      const path = write();
      const cpu = await loadOnnxClassifier({ path, classes, executionProviders: ['cpu'] });
      const [c, h, w] = cpu.info.inputShape;
      const job: WebGpuJob = { name, path, classes, n: N, graphs, x: randomArray(N * c * h * w, `${name} x`), g: randomArray(N * cpu.info.classes.length, `${name} g`) };
      const webgpu = await runOnWebGpu([job]);
      const gpu = webgpu.outputs.get(name)!;
      console.log(`${name}: WebGPU (SwiftShader) load and ${graphs.join(' + ')}: ${webgpu.milliseconds.get(name)} ms`);
      const vjp = await cpu.vjp(job.x, job.n, job.g);
      const errors: Record<string, number> = { vjpLogits: relativeError(vjp.logits, gpu.vjpLogits), gInput: relativeError(vjp.gInput, gpu.gInput) };
      if (graphs.includes('forward')) errors.logits = relativeError(await cpu.forward(job.x, job.n), gpu.logits!);
      if (graphs.includes('intermediate')) errors.layerGradient = relativeError((await cpu.intermediate!(job.x, job.n, 'auto', job.g)).gradient, gpu.layerGradient!);
      await cpu.dispose();
      for (const [what, error] of Object.entries(errors)) expect(error, `${what}: ${JSON.stringify(errors)}`).toBeLessThan(TOLERANCE);
    }, 600_000);
  }
});
