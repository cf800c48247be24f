/**
 * onnxruntime-node sessions, loaded lazily (importing this package must not load the native
 * binding). Provider names are passed through; a provider missing from the installed build gets
 * an error that says how to fix it.
 */
import { basename } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { diagnoseWebGpu } from './provider-diagnosis.js';

export interface SessionSettings {
  executionProviders: string[];
  threads: number;
  /** onnxruntime's log level; 'verbose' prints, among much else, where each node was placed. */
  logLevel?: OrtLogLevel;
  /**
   * Whether idle intra-op threads spin waiting for work (onnxruntime's own default) or sleep (the
   * default here). Spinning saves a wake-up per parallel section on an idle machine and burns a
   * core that another process on the machine could use (bench/rp-vs-pytorch.mjs measures both).
   */
  threadSpinning?: boolean;
}

export const ORT_LOG_LEVELS = ['verbose', 'info', 'warning', 'error', 'fatal'] as const;
export type OrtLogLevel = (typeof ORT_LOG_LEVELS)[number];

type Ort = typeof import('onnxruntime-node');
let runtime: Promise<Ort> | undefined;

export function loadRuntime(): Promise<Ort> {
  runtime ??= import('onnxruntime-node');
  return runtime;
}

/** Creates a session from a compiled model file (its weights may be external data next to it). */
export async function createSession(file: string, settings: SessionSettings, source: string): Promise<InferenceSession> {
  const ort = await loadRuntime();
  // Sleeping threads by default: measured faster with other processes on the cores (docs/methods.md).
  const spin = settings.threadSpinning === true ? '1' : '0';
  try {
    return await ort.InferenceSession.create(file, {
      executionProviders: settings.executionProviders,
      intraOpNumThreads: settings.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // The compiled graph's file name tags each line of onnxruntime's log (e.g. node placement).
      logId: basename(file),
      logSeverityLevel: ORT_LOG_LEVELS.indexOf(settings.logLevel ?? 'error') as 0 | 1 | 2 | 3 | 4,
      // SALIENCY_BENCH_ORT_PROFILE=<prefix>: onnxruntime's profiler writes <prefix>_<date>.json per session
      // when the session is released (bench/onnx-profile.mjs sums it per operator).
      ...(process.env.SALIENCY_BENCH_ORT_PROFILE ? { enableProfiling: true, profileFilePrefix: process.env.SALIENCY_BENCH_ORT_PROFILE } : {}),
      // Session config entries (onnxruntime_session_options_config_keys.h), flattened by the binding.
      extra: { session: { intra_op: { allow_spinning: spin }, inter_op: { allow_spinning: spin } } },
    });
  } catch (error) {
    const message = (error as Error).message;
    const provider = failedProvider(message, settings.executionProviders);
    if (provider) throw new Error(`${source}: the ${provider} execution provider could not start: ${message.trim()}. ${PROVIDER_FIXES[provider]?.() ?? 'Check that this onnxruntime-node build includes it, or use "execution": { "provider": "cpu" }'}`);
    throw new Error(`${source}: onnxruntime could not load the compiled model: ${message}`);
  }
}

const PROVIDER_FIXES: Record<string, () => string> = {
  webgpu: () => `Why and what to do: ${diagnoseWebGpu()}`,
  cuda: () =>
    'cuda needs the CUDA build of onnxruntime-node (ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node, on a machine with internet) ' +
    'and an NVIDIA driver with CUDA 12; or run on the CPU: "execution": { "provider": "cpu" }',
};

/** The non-CPU provider an onnxruntime error is about, if any. */
function failedProvider(message: string, providers: string[]): string | undefined {
  const custom = providers.filter((p) => p !== 'cpu');
  if (/webgpu|WebGPU adapter|dawn|vulkan/i.test(message) && custom.includes('webgpu')) return 'webgpu';
  if (/cuda|cudnn/i.test(message) && custom.includes('cuda')) return 'cuda';
  return custom.length > 0 && /provider|backend|\bEP\b/i.test(message) ? custom[0] : undefined;
}

export async function floatTensor(data: Float32Array, dims: number[]): Promise<Tensor> {
  const ort = await loadRuntime();
  return new ort.Tensor('float32', data, dims);
}

/** Throws when a result holds NaN or Inf, naming the model and the output. */
export function assertFinite(values: Float32Array, what: string, source: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${source}: the ${what} contain ${values[i]} (first at index ${i}); check the input normalisation (mean/std) and the model weights`);
    }
  }
}
