/**
 * Runs models on the WebGPU provider in a child process (SwiftShader's Vulkan environment has to
 * be in place when a process starts) and returns its results and onnxruntime's placement log.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { swiftShaderEnvironment } from '../../src/onnx/runtime/provider-diagnosis.js';

export interface WebGpuJob {
  name: string;
  path: string;
  classes: string[] | string;
  n: number;
  /** Which compiled graphs to run: 'forward', 'vjp', 'intermediate'. */
  graphs: string[];
  x: Float32Array;
  g: Float32Array;
}

export interface WebGpuResults {
  outputs: Map<string, { vjpLogits: Float32Array; gInput: Float32Array; logits?: Float32Array; layerGradient?: Float32Array }>;
  /** The placement lines of onnxruntime's log, per job name (and 'control'). */
  placements: Map<string, string[]>;
  milliseconds: Map<string, number>;
}

const script = fileURLToPath(new URL('./run-on-webgpu.mjs', import.meta.url));

export async function runOnWebGpu(jobs: WebGpuJob[]): Promise<WebGpuResults> {
  const dir = mkdtempSync(join(tmpdir(), 'webgpu-test-'));
  const control = new OnnxGraphBuilder({ opset: 17 });
  control.output(control.node('Relu', [control.node('Det', [control.node('Relu', [control.input('m', [3, 3])])])]), 'determinant');
  writeFileSync(join(dir, 'control.onnx'), control.toBytes());
  const spec = {
    control: join(dir, 'control.onnx'),
    jobs: jobs.map((job, i) => {
      const out = join(dir, `job-${i}`);
      writeFileSync(`${out}.x.bin`, job.x);
      writeFileSync(`${out}.g.bin`, job.g);
      return { name: job.name, path: job.path, classes: job.classes, n: job.n, graphs: job.graphs, x: `${out}.x.bin`, g: `${out}.g.bin`, out };
    }),
  };
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(spec));
  const env = { ...process.env, ...swiftShaderEnvironment(dir) };
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, join(dir, 'jobs.json')], { env, maxBuffer: 512 * 1024 * 1024 });
  const placements = new Map<string, string[]>();
  let current = '';
  for (const line of stderr.split('\n')) {
    const marker = /^=== (.*)$/.exec(line);
    if (marker) placements.set((current = marker[1]), []);
    else if (/placed on \[/.test(line)) placements.get(current)?.push(line.replace(/^.*VerifyEachNodeIsAssignedToAnEp\]\s*/, ''));
  }
  const milliseconds = new Map<string, number>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const { name, ms } = JSON.parse(line) as { name: string; ms: number };
    milliseconds.set(name, ms);
  }
  const read = (file: string) => {
    if (!existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const outputs = new Map(spec.jobs.map((job) => [job.name, {
    logits: read(`${job.out}.logits.bin`), vjpLogits: read(`${job.out}.vjpLogits.bin`)!,
    gInput: read(`${job.out}.gInput.bin`)!, layerGradient: read(`${job.out}.layerGradient.bin`),
  }]));
  return { outputs, placements, milliseconds };
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
