/**
 * Every graph the engine compiles (forward, vjp, Grad-CAM's intermediate) for the reference
 * networks and the built-in model runs on onnxruntime's WebGPU provider (through SwiftShader, a
 * CPU Vulkan driver, when there is no GPU), every node of it: onnxruntime's verbose log says
 * where each node went (a control with a Det node, which has no WebGPU kernel, shows that the
 * check sees CPU placements). The results equal the CPU provider's.
 */
import { describe, expect, it } from 'vitest';
import { loadOnnxClassifier } from '../src/onnx/runtime/onnx-classifier.js';
import { BUILTIN_CLASSES, BUILTIN_ONNX_MODEL } from '../src/backbone/builtin-weights.js';
import { referenceInception, referenceResNet, referenceVgg16 } from '../src/onnx/testing/reference-networks.js';
import type { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';
import { classNames, randomArray, writeModel } from './onnx-support/gradcheck.js';
import { alexNetLike, denseNetLike, mobileNetV2Like, squeezeNetLike } from './onnx-support/zoo-networks.js';
import { nodesOffProvider } from '../src/onnx/runtime/node-placement.js';
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

describe.skipIf(!webGpuAvailable())('the WebGPU provider (SwiftShader without a GPU)', () => {
  const models: [string, () => string, string[] | string][] = [
    ...networks.map(([name, build]): [string, () => string, string[]] => [name, () => writeModel(build().toBytes()), classNames(CLASSES)]),
    ['built-in', () => BUILTIN_ONNX_MODEL, BUILTIN_CLASSES],
  ];
  for (const [name, write, classes] of models) {
    it(`runs every node of the forward, vjp and Grad-CAM graphs of the ${name} net on WebGPU with the CPU provider's results`, async () => {
      const path = write();
      const cpu = await loadOnnxClassifier({ path, classes, executionProviders: ['cpu'] });
      const [c, h, w] = cpu.info.inputShape;
      const job: WebGpuJob = { path, classes, n: N, x: randomArray(N * c * h * w, `${name} x`), g: randomArray(N * cpu.info.classes.length, `${name} g`) };
      const gpu = await runOnWebGpu(job);
      console.log(`${name}: WebGPU (SwiftShader) load, forward, vjp and intermediate: ${gpu.milliseconds} ms`);
      expect(nodesOffProvider(new Map([['control', gpu.placements.get('control') ?? []]]), 'WebGpuExecutionProvider')).toEqual({ control: ['Det (Det_node) on CPUExecutionProvider'] });
      const sessions = [...gpu.placements.keys()].filter((s) => s !== 'control').map((s) => s.replace(/^layer-\d+/, 'layer-N')).sort();
      expect(sessions).toEqual(['forward.onnx', 'layer-N.onnx', 'vjp.onnx']);
      gpu.placements.delete('control');
      expect(nodesOffProvider(gpu.placements, 'WebGpuExecutionProvider')).toEqual({});
      const vjp = await cpu.vjp(job.x, job.n, job.g);
      const errors: Record<string, number> = {
        logits: relativeError(await cpu.forward(job.x, job.n), gpu.logits),
        vjpLogits: relativeError(vjp.logits, gpu.vjpLogits),
        gInput: relativeError(vjp.gInput, gpu.gInput),
        layerGradient: relativeError((await cpu.intermediate!(job.x, job.n, 'auto', job.g)).gradient, gpu.layerGradient),
      };
      await cpu.dispose();
      for (const [what, error] of Object.entries(errors)) expect(error, `${what}: ${JSON.stringify(errors)}`).toBeLessThan(TOLERANCE);
    }, 600_000);
  }
});
