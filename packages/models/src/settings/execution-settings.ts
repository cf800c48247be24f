/**
 * How each engine honours the run's execution settings (spec `execution`: provider, threads,
 * batchSize), or refuses one it cannot honour with an error that names the field and the fix
 * (exit code 2). A model's own options (onnx `executionProviders`, `threads`; every engine's
 * `maxBatch`) take precedence over the run's settings.
 */
import type { ExecutionOptions } from '@saliency-bench/core';

/** What an engine uses when neither its options nor the run say (a model loaded from code). */
export const EXECUTION_DEFAULTS = { provider: 'cpu', threads: 2, maxBatch: 32 } as const;

/** A setting an engine cannot honour: bad input, exit code 2. */
export class ExecutionSettingError extends Error {
  readonly exitCode = 2;
}

export interface EngineBatch {
  /** Largest batch per engine call; larger ones are split (results do not depend on it). */
  maxBatch?: number;
}

/** The engine's largest batch: the model's maxBatch, else the run's execution.batchSize. */
export function engineMaxBatch(options: EngineBatch, execution?: Partial<ExecutionOptions>): number {
  return options.maxBatch ?? execution?.batchSize ?? EXECUTION_DEFAULTS.maxBatch;
}

/** onnx: execution.provider -> the session's execution providers; threads -> intra-op threads. */
export function onnxExecution(options: { executionProviders?: string[]; threads?: number }, execution?: Partial<ExecutionOptions>): { executionProviders: string[]; threads: number } {
  return {
    executionProviders: options.executionProviders ?? [execution?.provider ?? EXECUTION_DEFAULTS.provider],
    threads: options.threads ?? execution?.threads ?? EXECUTION_DEFAULTS.threads,
  };
}

/** The environment variable libtensorflow sizes its intra-op thread pool by, read once at its start. */
export const TENSORFLOW_THREADS_VARIABLE = 'TF_NUM_INTRAOP_THREADS';

/**
 * tfjs: every backend computes on the CPU (the tensorflow backend with @tensorflow/tfjs-node-gpu
 * uses CUDA on its own, whatever the provider says), so only provider "cpu" is honoured. threads:
 * the tensorflow backend gets TF_NUM_INTRAOP_THREADS (set before libtensorflow starts); wasm and
 * cpu compute on the calling thread in Node, one thread, within any threads setting.
 */
export function tfjsExecution(execution: Partial<ExecutionOptions> | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const provider = execution?.provider ?? EXECUTION_DEFAULTS.provider;
  if (provider !== 'cpu') {
    throw new ExecutionSettingError(
      `execution.provider "${provider}": the tfjs engine computes on the CPU only (backends tensorflow, wasm, cpu); ` +
        'set execution.provider to "cpu", or export the model to ONNX and use the onnx engine, which runs on webgpu and cuda ' +
        '(for CUDA through TensorFlow, install @tensorflow/tfjs-node-gpu and set the model\'s "backend": "tensorflow" with provider "cpu")',
    );
  }
  const threads = execution?.threads;
  if (threads === undefined) return;
  const preset = env[TENSORFLOW_THREADS_VARIABLE];
  if (preset !== undefined && preset !== String(threads)) {
    throw new ExecutionSettingError(
      `execution.threads ${threads} conflicts with ${TENSORFLOW_THREADS_VARIABLE}=${preset} in the environment (the tfjs tensorflow backend's thread count); ` +
        `set execution.threads to ${preset} or unset ${TENSORFLOW_THREADS_VARIABLE}`,
    );
  }
  env[TENSORFLOW_THREADS_VARIABLE] = String(threads);
}
