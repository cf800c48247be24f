/**
 * Loads TensorFlow.js on demand and selects a backend. Nothing here is imported at the top level
 * by plugin modules: `list` and `validate` never pay for tfjs.
 *
 * Backends: `tensorflow` (libtensorflow through @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node,
 * optional peer dependencies the user installs), `wasm` (XNNPACK, the default here) and `cpu`
 * (pure JavaScript). `auto` takes the first that loads and works, in that order.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { registerWasmConvGradients } from './wasm-conv-gradients.js';
import { registerBatchNormGradient } from './batch-norm-gradient.js';
import { registerWasmSpatialReductions } from './wasm-spatial-reductions.js';

export type TfjsBackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const TFJS_BACKENDS: readonly TfjsBackendName[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface TfjsRuntime {
  tf: typeof Tf;
  layers: typeof TfLayers;
  /** The backend actually in use: 'tensorflow', 'wasm' or 'cpu'. */
  backend: string;
}

const NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

export const TENSORFLOW_MISSING =
  'the tfjs "tensorflow" backend needs @tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node (CPU), ' +
  'which are optional and not installed. Install one where the machine can download libtensorflow, e.g. ' +
  '`npm install @tensorflow/tfjs-node-gpu`, or choose backend "wasm" or "cpu".';

/** Imports a package by a name the compiler cannot resolve statically (it may be absent). */
async function importOptional(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

async function tryBackend(tf: typeof Tf, name: string): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      let loaded = false;
      for (const pkg of NODE_PACKAGES) if (!loaded) loaded = await importOptional(pkg);
      if (!loaded || tf.findBackendFactory('tensorflow') === null) return false;
    } else if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      registerWasmConvGradients(tf);
      registerWasmSpatialReductions(tf);
      registerBatchNormGradient(tf);
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    // A backend that registers but cannot run a small op is not "working".
    const probe = tf.tidy(() => tf.sum(tf.add(tf.ones([2]), tf.ones([2]))));
    const ok = (await probe.data())[0] === 4;
    probe.dispose();
    return ok;
  } catch {
    return false;
  }
}

/** Loads tfjs and switches the (process-global) engine to the requested backend. */
export async function loadTfjs(backend: TfjsBackendName = 'auto'): Promise<TfjsRuntime> {
  if (!TFJS_BACKENDS.includes(backend)) {
    throw new Error(`tfjs: unknown backend "${backend}"; choose one of ${TFJS_BACKENDS.join(', ')}`);
  }
  const tf = await import('@tensorflow/tfjs-core');
  const layers = await import('@tensorflow/tfjs-layers');
  const candidates = backend === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [backend];
  for (const name of candidates) {
    if (await tryBackend(tf, name)) return { tf, layers, backend: name };
  }
  if (backend === 'tensorflow') throw new Error(`tfjs: ${TENSORFLOW_MISSING}`);
  throw new Error(`tfjs: backend "${backend}" failed to initialise; try "cpu"`);
}
