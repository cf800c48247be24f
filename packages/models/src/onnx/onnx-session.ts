/**
 * onnxruntime-node sessions, loaded lazily (importing this package must not load the native
 * binding). Provider names are passed through; a provider missing from the installed build gets
 * an error that says how to fix it.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export interface SessionSettings {
  executionProviders: string[];
  threads: number;
}

type Ort = typeof import('onnxruntime-node');
let runtime: Promise<Ort> | undefined;

export function loadRuntime(): Promise<Ort> {
  runtime ??= import('onnxruntime-node');
  return runtime;
}

/** Creates a session from a compiled model file (its weights may be external data next to it). */
export async function createSession(file: string, settings: SessionSettings, source: string): Promise<InferenceSession> {
  const ort = await loadRuntime();
  try {
    return await ort.InferenceSession.create(file, {
      executionProviders: settings.executionProviders,
      intraOpNumThreads: settings.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (error) {
    const message = (error as Error).message;
    const custom = settings.executionProviders.filter((p) => p !== 'cpu');
    if (custom.length > 0 && /provider|backend|EP/i.test(message)) {
      throw new Error(
        `${source}: the execution provider(s) ${custom.join(', ')} are not available in this onnxruntime-node build (${message}). ` +
          `Use executionProviders ["cpu"]; webgpu needs a GPU with Vulkan drivers (libvulkan.so.1); cuda needs the CUDA build ` +
          `(ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node, on a machine with internet).`,
      );
    }
    throw new Error(`${source}: onnxruntime could not load the compiled model: ${message}`);
  }
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
