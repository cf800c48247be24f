/**
 * Runs a model on the WebGPU provider in a child process (SwiftShader's Vulkan environment has to
 * be in place when a process starts) and returns its results and where onnxruntime placed the
 * nodes of each session.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { swiftShaderEnvironment } from '../../src/onnx/runtime/provider-diagnosis.js';
import { nodePlacements, type ProviderNodes } from '../../src/onnx/runtime/node-placement.js';

export interface WebGpuJob {
  path: string;
  classes: string[] | string;
  n: number;
  x: Float32Array;
  g: Float32Array;
}

export interface WebGpuResults {
  logits: Float32Array;
  vjpLogits: Float32Array;
  gInput: Float32Array;
  /** Grad-CAM's layer ('auto') gradient. */
  layerGradient: Float32Array;
  /** Per session (log id: vjp.onnx, forward.onnx, layer-N.onnx, and the Det control). */
  placements: Map<string, ProviderNodes[]>;
  milliseconds: number;
}

const script = fileURLToPath(new URL('./run-on-webgpu.mjs', import.meta.url));

export async function runOnWebGpu(job: WebGpuJob): Promise<WebGpuResults> {
  const dir = mkdtempSync(join(tmpdir(), 'webgpu-test-'));
  const control = new OnnxGraphBuilder({ opset: 17 });
  control.output(control.node('Relu', [control.node('Det', [control.node('Relu', [control.input('m', [3, 3])])])]), 'determinant');
  writeFileSync(join(dir, 'control.onnx'), control.toBytes());
  const out = join(dir, 'job');
  writeFileSync(`${out}.x.bin`, job.x);
  writeFileSync(`${out}.g.bin`, job.g);
  const spec = { control: join(dir, 'control.onnx'), job: { path: job.path, classes: job.classes, n: job.n, x: `${out}.x.bin`, g: `${out}.g.bin`, out } };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(spec));
  const env = { ...process.env, ...swiftShaderEnvironment(dir) };
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, join(dir, 'job.json')], { env, maxBuffer: 512 * 1024 * 1024 });
  const read = (name: string) => {
    const bytes = readFileSync(`${out}.${name}.bin`);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  return {
    logits: read('logits'), vjpLogits: read('vjpLogits'), gInput: read('gInput'), layerGradient: read('layerGradient'),
    placements: nodePlacements(stderr), milliseconds: (JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number }).ms,
  };
}

/** max |a - b| / max |a|: the error relative to the largest reference value. */
export function relativeError(reference: Float32Array, other: Float32Array): number {
  let error = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    error = Math.max(error, Math.abs(reference[i] - other[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return error / scale;
}
