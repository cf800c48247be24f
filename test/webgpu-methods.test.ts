/**
 * Every method (rp, mp, ep, gradient, gradcam, rise) and the insertion/deletion metrics run once
 * from a spec on onnxruntime's WebGPU provider (SwiftShader, a CPU Vulkan driver, stands in for a
 * GPU in CI) with every node of every session on that provider (onnxruntime's verbose log), and
 * the maps and per-sample records equal the CPU run's: the same pointing-game hits, other values
 * within TOLERANCE. A small ONNX CNN at 32x32 keeps the SwiftShader calls short (the built-in
 * 96x96 net costs seconds per call there).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '@saliency-bench/core';
import { OnnxGraphBuilder, swiftShaderEnvironment, swiftShaderInstalled } from '@saliency-bench/models';
import { runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

/**
 * The providers' results differ by float32 round-off (measured here: maps 1e-7..6e-7 of their
 * largest value, curve areas by < 5e-7; the models package's WebGPU tests: 1.4e-6 at most). 1e-4
 * leaves room for another CPU's SwiftShader code and still fails a wrong kernel (off by 10-500%).
 * The optimised masks (rp, mp, ep) get a few Adam steps only, so round-off has little to grow.
 */
const TOLERANCE = 1e-4;
const required = process.env.SALIENCY_BENCH_REQUIRE_WEBGPU === '1';
const METHODS = ['rp', 'mp', 'ep', 'gradient', 'gradcam', 'rise'];
const METRICS = ['pointing-game', 'insertion', 'deletion'];
/** The synthetic dataset's classes. */
const CLASSES = 8;

/** Conv-ReLU-MaxPool-Conv-ReLU-GlobalAveragePool-Gemm with fixed pseudo-random weights. */
function smallCnn(): Uint8Array {
  const g = new OnnxGraphBuilder({ opset: 17 });
  const weights = (name: string, dims: number[], scale: number) => {
    const size = dims.reduce((a, b) => a * b, 1);
    return g.initializer(name, Float32Array.from({ length: size }, (_, i) => Math.sin((i + 1) * 12.9898 + dims[0]) * scale), dims);
  };
  const conv1 = g.node('Relu', [g.node('Conv', [g.input('input', ['N', 3, 32, 32]), weights('w1', [8, 3, 3, 3], 0.4), weights('b1', [8], 0.1)], { pads: [1, 1, 1, 1] })]);
  const pooled = g.node('MaxPool', [conv1], { kernel_shape: [2, 2], strides: [2, 2] });
  const conv2 = g.node('Relu', [g.node('Conv', [pooled, weights('w2', [16, 8, 3, 3], 0.5), weights('b2', [16], 0.1)], { pads: [1, 1, 1, 1] })]);
  const features = g.node('Flatten', [g.node('GlobalAveragePool', [conv2])], { axis: 1 });
  g.output(g.node('Gemm', [features, weights('w3', [CLASSES, 16], 4), weights('b3', [CLASSES], 0.1)], { transB: 1 }), 'logits');
  return g.toBytes();
}

interface ScoreRecord {
  key: string;
  value: number;
}

const readRecords = async (dir: string, provider: string, method: string, metric: string): Promise<ScoreRecord[]> =>
  (await readFile(join(dir, provider, 'records', 'synthetic', 'small', method, `${metric}.jsonl`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

const readMap = async (dir: string, provider: string, method: string, key: string): Promise<Float32Array> =>
  decodeNpy(await readFile(join(dir, provider, 'maps', 'synthetic', 'small', method, `${key}.npy`))).data;

/** max |a - b| / max |a| */
function relativeError(reference: Float32Array, other: Float32Array): number {
  let error = 0;
  let scale = 0;
  reference.forEach((value, i) => {
    error = Math.max(error, Math.abs(value - other[i]));
    scale = Math.max(scale, Math.abs(value));
  });
  return error / scale;
}

/** The sessions' node-placement lines, as "<compiled graph>: <placement>", sorted (Grad-CAM's layer graphs as layer-N). */
function placements(log: string): string[] {
  const lines = [...log.matchAll(/\[V:onnxruntime:([^,]+), [^\]]*VerifyEachNodeIsAssignedToAnEp\]\s+(.*placed on.*?)(?:\. Number of nodes.*)?$/gm)];
  return lines.map(([, session, placement]) => `${session.replace(/^layer-\d+/, 'layer-N')}: ${placement}`).sort();
}

describe.skipIf(!swiftShaderInstalled() && !required)('the methods on the WebGPU provider', () => {
  it('runs rp, mp, ep, gradient, gradcam and rise with the pointing game, insertion and deletion, record for record as on the CPU', async () => {
    const dir = await scratchDir('webgpu');
    await writeFile(join(dir, 'small.onnx'), smallCnn());
    const spec = (provider: string) => ({
      name: `webgpu-methods-${provider}`,
      seed: 777,
      datasets: [{ use: 'synthetic', options: { count: 2, width: 32, height: 32 } }],
      // On WebGPU, onnxruntime's verbose log (stderr) says where each node of each session runs.
      models: [{ use: 'onnx', id: 'small', options: { path: join(dir, 'small.onnx'), activation: 'softmax', ...(provider === 'webgpu' && { logLevel: 'verbose' }) } }],
      targets: { mode: 'ground-truth' },
      limit: 1,
      // Few iterations, masks and steps: SwiftShader runs the GPU kernels on the CPU.
      methods: [
        { use: 'rp', options: { iterations: 3, imageSize: 32 } },
        { use: 'mp', options: { iterations: 3 } },
        { use: 'ep', options: { iterations: 3 } },
        { use: 'gradient' },
        { use: 'gradcam' },
        { use: 'rise', options: { masks: 16, batch: 16 } },
      ],
      metrics: [{ use: 'pointing-game' }, { use: 'insertion', options: { step: 64 } }, { use: 'deletion', options: { step: 64 } }],
      execution: { batchSize: 4, provider },
      output: join(dir, provider),
    });
    for (const provider of ['cpu', 'webgpu']) {
      const started = Date.now();
      const result = await runCli(['run', await writeSpec(dir, spec(provider), `${provider}.json`), '--json'], { env: swiftShaderEnvironment(dir) });
      console.log(`${provider}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(result.code, result.stderr.slice(-2000)).toBe(0);
      if (provider === 'cpu') expect(result.stderr).toBe('');
      else expect(placements(result.stderr)).toEqual(['forward.onnx', 'layer-N.onnx', 'vjp.onnx'].map((session) => `${session}: All nodes placed on [WebGpuExecutionProvider]`));
      expect(JSON.parse(result.stdout).mapsFailed).toBe(0);
    }
    expect(JSON.parse(await readFile(join(dir, 'webgpu', 'manifest.json'), 'utf8')).execution.provider).toBe('webgpu');
    const report: string[] = [];
    for (const method of METHODS) {
      for (const metric of METRICS) {
        const [cpu, gpu] = [await readRecords(dir, 'cpu', method, metric), await readRecords(dir, 'webgpu', method, metric)];
        expect(gpu.map((r) => r.key), `${method}/${metric}`).toEqual(cpu.map((r) => r.key));
        expect(gpu.length).toBeGreaterThan(0);
        gpu.forEach((record, i) => {
          report.push(`${method}/${metric} ${record.key}: cpu ${cpu[i].value}, webgpu ${record.value}`);
          if (metric === 'pointing-game') expect(record.value, report.at(-1)).toBe(cpu[i].value);
          else expect(Math.abs(record.value - cpu[i].value), report.at(-1)).toBeLessThan(TOLERANCE);
        });
      }
      for (const { key } of await readRecords(dir, 'cpu', method, 'pointing-game')) {
        const error = relativeError(await readMap(dir, 'cpu', method, key), await readMap(dir, 'webgpu', method, key));
        report.push(`${method} map ${key}: max |cpu - webgpu| / max |cpu| = ${error.toExponential(2)}`);
        expect(error, report.at(-1)).toBeLessThan(TOLERANCE);
      }
    }
    console.log(report.join('\n'));
  }, 900_000);
});
