/**
 * Loads a TensorFlow.js LayersModel or GraphModel from a local model.json (format decided by the
 * file itself) and adapts it to NHWC-in, logits-out. The model's own metadata
 * (`userDefinedMetadata.saliencyBench`) travels with it: classes, mean/std, activation.
 */
import { readFile } from 'node:fs/promises';
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { Activation } from '@saliency-bench/core';
import type { TfjsRuntime } from './tfjs-runtime.js';
import type { TfjsModelAdapter } from './tfjs-classifier.js';
import { fileIOHandler } from './file-io-handler.js';

/** What a model.json may say about itself (written by the trainer; optional for others). */
export interface TfjsModelMetadata {
  name?: string;
  classes?: string[];
  mean?: number[];
  std?: number[];
  activation?: Activation;
}

export interface LoadedTfjsModel {
  adapter: TfjsModelAdapter;
  kind: 'layers-model' | 'graph-model';
  /** [height, width, channels] of the input, where the model declares them. */
  inputShape: (number | null)[];
  metadata: TfjsModelMetadata;
}

function sequentialSplit(model: TfLayers.Sequential, name: string): ReturnType<NonNullable<TfjsModelAdapter['split']>> {
  const index = model.layers.findIndex((layer) => layer.name === name);
  if (index < 0) {
    const names = model.layers.map((layer) => layer.name).join(', ');
    throw new Error(`tfjs model: no layer named "${name}"; layers: ${names}`);
  }
  const run = (from: number, to: number) => (x: Tf.Tensor) =>
    model.layers.slice(from, to).reduce((t, layer) => layer.apply(t, { training: false }) as Tf.Tensor, x);
  const shape = model.layers[index].outputShape as (number | null)[];
  if (shape.length !== 4) throw new Error(`tfjs model: layer "${name}" is not a 4-D (image-like) activation`);
  return {
    head: run(0, index + 1) as (x: Tf.Tensor4D) => Tf.Tensor4D,
    tail: run(index + 1, model.layers.length) as (a: Tf.Tensor4D) => Tf.Tensor2D,
    outputShape: [shape[1] as number, shape[2] as number, shape[3] as number],
  };
}

export async function loadTfjsModel(runtime: TfjsRuntime, modelJsonPath: string): Promise<LoadedTfjsModel> {
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8').catch((error: Error) => {
    throw new Error(`tfjs model: cannot read ${modelJsonPath} (${error.message}); pass the path of a model.json`);
  })) as { format?: string; modelTopology?: Record<string, unknown>; userDefinedMetadata?: Record<string, unknown> };
  const metadata = (json.userDefinedMetadata?.saliencyBench ?? {}) as TfjsModelMetadata;
  const handler = fileIOHandler(runtime.tf.io, modelJsonPath);
  const isGraph = json.format === 'graph-model' || (json.modelTopology !== undefined && 'node' in json.modelTopology);
  if (isGraph) {
    const converter = await import('@tensorflow/tfjs-converter');
    const graph = await converter.loadGraphModel(handler);
    if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
      throw new Error(`tfjs model: ${modelJsonPath} has ${graph.inputs.length} inputs and ${graph.outputs.length} outputs; expected one image input and one logits output`);
    }
    const shape = graph.inputs[0].shape ?? [];
    return {
      kind: 'graph-model',
      inputShape: shape.slice(1).map((d) => (d > 0 ? d : null)),
      metadata,
      adapter: { apply: (x) => graph.execute(x) as Tf.Tensor2D, dispose: () => graph.dispose() },
    };
  }
  const model = await runtime.layers.loadLayersModel(handler);
  const shape = model.inputs[0].shape;
  const sequential = model instanceof runtime.layers.Sequential ? model : undefined;
  return {
    kind: 'layers-model',
    inputShape: shape.slice(1),
    metadata,
    adapter: {
      apply: (x) => model.apply(x, { training: false }) as Tf.Tensor2D,
      split: sequential ? (layer) => sequentialSplit(sequential, layer) : undefined,
      dispose: () => model.dispose(),
    },
  };
}
