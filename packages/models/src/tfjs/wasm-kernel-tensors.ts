/**
 * Helpers for wasm kernels written with tfjs ops: a kernel receives TensorInfos and must return a
 * TensorInfo that the engine owns, so inputs are wrapped as tensors and results copied out.
 */
import type * as Tf from '@tensorflow/tfjs-core';

export interface WasmBackendLike {
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): Tf.TensorInfo;
}

/** A kernel input as a tensor holding one extra reference, so disposing it is harmless. */
export function wrapInput(tf: typeof Tf, backend: WasmBackendLike, info: Tf.TensorInfo): Tf.Tensor {
  backend.incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/**
 * Copies a result into a fresh backend buffer and disposes it: returning the tensor's own data id
 * would leave its Tensor object in the caller's scope, which would free the data under the output.
 */
export function copyOutput(backend: WasmBackendLike, result: Tf.Tensor): Tf.TensorInfo {
  const values = result.dataSync() as Float32Array;
  const shape = result.shape.slice();
  result.dispose();
  return backend.makeOutput(shape, 'float32', undefined, values);
}
