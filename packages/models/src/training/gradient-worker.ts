/**
 * Worker-thread side of data-parallel training: a replica of the model on its own wasm backend.
 * Each request brings the current weights and a slice of the (already augmented) batch; the reply
 * is the slice's loss and the gradients of every trainable weight, in the model's order. The main
 * thread owns the optimizer, so replicas never drift.
 */
import { parentPort } from 'node:worker_threads';
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { loadTfjs, type TfjsBackendName, type TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import { sliceGradients } from './training-loss.js';
import { normalise } from './evaluate-cache.js';

/**
 * `topology` is the model's JSON (LayersModel.toJSON): replicas of any architecture the trainer
 * runs. Images arrive in [0, 1] and are normalised here with `mean` and `std`.
 */
export interface WorkerInit { type: 'init'; backend: TfjsBackendName; topology: object; weightDecay: number; mean: number[]; std: number[] }
export interface WorkerStep { type: 'step'; weights: Float32Array[]; images: Float32Array; labels: Float32Array; rows: number }
export type WorkerReply = { type: 'ready' } | { type: 'gradients'; loss: number; gradients: Float32Array[] } | { type: 'error'; message: string };

let runtime: TfjsRuntime | undefined;
let model: TfLayers.LayersModel | undefined;
let settings: WorkerInit | undefined;

function step(request: WorkerStep): WorkerReply {
  const { tf } = runtime!;
  const variables = model!.trainableWeights.map((w) => w.read() as Tf.Variable);
  tf.tidy(() => variables.forEach((variable, i) => variable.assign(tf.tensor(request.weights[i], variable.shape))));
  const size = model!.inputs[0].shape[1] as number;
  const classes = request.labels.length / request.rows;
  const { value, grads } = tf.tidy(() => {
    const input = normalise(tf, tf.tensor4d(request.images, [request.rows, size, size, 3]), settings!.mean, settings!.std);
    return sliceGradients(tf, model!, input, tf.tensor2d(request.labels, [request.rows, classes]), settings!.weightDecay);
  });
  const gradients = variables.map((v) => grads[v.name].dataSync() as Float32Array);
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return { type: 'gradients', loss, gradients };
}

parentPort?.on('message', async (message: WorkerInit | WorkerStep) => {
  try {
    if (message.type === 'init') {
      runtime = await loadTfjs(message.backend);
      model = await runtime.layers.models.modelFromJSON({ modelTopology: message.topology } as never);
      settings = message;
      parentPort!.postMessage({ type: 'ready' } satisfies WorkerReply);
    } else {
      const reply = step(message);
      parentPort!.postMessage(reply, reply.type === 'gradients' ? reply.gradients.map((g) => g.buffer as ArrayBuffer) : []);
    }
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message } satisfies WorkerReply);
  }
});
