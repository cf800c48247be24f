/**
 * loadOnnxClassifier: an ONNX image classifier with forward, vjp (forward and backward in one
 * session call, from the compiled VJP model) and intermediate activations for Grad-CAM.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Classifier, ModelContext } from '@saliency-bench/core';
import { resolveClassNames } from './class-names.js';
import { analyzeGraph, type AnalyzedGraph } from './graph-analysis.js';
import { readModelGraph } from './model-graph.js';
import { readModelInput } from './model-input.js';
import { encodeModel } from './onnx-proto.js';
import { opRules } from './ops/index.js';
import { createSession, type SessionSettings } from './onnx-session.js';
import { SessionRunner } from './session-runner.js';
import { compileVjp } from './vjp-compiler.js';

export interface OnnxClassifierOptions {
  /** The .onnx file; relative paths resolve against the spec's directory. */
  path: string;
  /** Class names, or a names file (one per line); default: the dataset's classes. */
  classes?: readonly string[] | string;
  /** [height, width]; required when the model's input size is dynamic. */
  inputSize?: [number, number];
  mean?: number[];
  std?: number[];
  activation?: 'sigmoid' | 'softmax';
  executionProviders?: string[];
  threads?: number;
  maxBatch?: number;
  /** Display name (default: the file name). */
  name?: string;
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`${path}: cannot read the ONNX model (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path option`);
  }
}

export async function loadOnnxClassifier(options: OnnxClassifierOptions, context: Partial<ModelContext> = {}): Promise<Classifier> {
  const baseDir = context.baseDir ?? process.cwd();
  const path = resolve(baseDir, options.path);
  const settings: SessionSettings = {
    executionProviders: options.executionProviders ?? ['cpu'],
    threads: options.threads ?? context.execution?.threads ?? 2,
  };
  const analyze = async (): Promise<AnalyzedGraph> => {
    const graph = readModelGraph(await readModelFile(path), path);
    const input = readModelInput(graph, options.inputSize);
    return analyzeGraph(graph, input.name, input.shape, opRules);
  };
  let analyzed: AnalyzedGraph | undefined = await analyze();
  const input = readModelInput(analyzed.graph, options.inputSize);
  const target = analyzed.graph.outputs[0]?.name ?? '';
  const logitsShape = analyzed.facts.get(target)?.shape ?? [];
  if (logitsShape.length !== 2 || typeof logitsShape[1] !== 'number') {
    throw new Error(`${path}: the first output "${target}" has shape [${logitsShape}]; the ONNX engine needs logits of shape [N, K]`);
  }
  const classCount = logitsShape[1];
  const classes = await resolveClassNames(options.classes, context.datasetClasses, baseDir);
  if (classes.names.length !== classCount) {
    throw new Error(`${path}: the model has ${classCount} outputs but ${classes.source} lists ${classes.names.length} classes; give a class list of length ${classCount}`);
  }
  // ImageNet statistics for RGB models; identity normalisation for other channel counts.
  const mean = options.mean ?? (input.channels === 3 ? IMAGENET_MEAN : new Array(input.channels).fill(0));
  const std = options.std ?? (input.channels === 3 ? IMAGENET_STD : new Array(input.channels).fill(1));
  if (mean.length !== input.channels || std.length !== input.channels) {
    throw new Error(`${path}: mean and std need ${input.channels} values (one per input channel)`);
  }
  const compiled = compileVjp(analyzed, { target });
  analyzed = undefined; // release the file buffer before onnxruntime copies the compiled model
  const session = await createSession(encodeModel(compiled.model), settings, path);
  const fixedBatch = typeof input.shape[0] === 'number' ? input.shape[0] : undefined;
  const runner = new SessionRunner(session, {
    source: path,
    input: compiled.input,
    gradTarget: compiled.gradTarget,
    imageShape: [input.channels, input.height, input.width],
    classCount,
    maxBatch: fixedBatch ?? options.maxBatch ?? context.execution?.batchSize ?? 32,
    fixedBatch,
  });
  const layers = new Map<string, Promise<SessionRunner>>();
  const layerRunner = (layer: string): Promise<SessionRunner> => {
    if (!layers.has(layer)) {
      layers.set(layer, (async () => {
        const graph = await analyze();
        const value = graph.graph.nodes.find((n) => n.name === layer)?.outputs[0] ?? layer;
        if (!graph.facts.has(value) || graph.constants.has(value)) {
          const names = graph.nodes.slice(0, 12).map((n) => n.outputs[0]).join(', ');
          throw new Error(`${path}: no layer named "${layer}" (give a node name or a value name, e.g. ${names}, ...)`);
        }
        const layerVjp = compileVjp(graph, { target, wrt: value });
        const layerSession = await createSession(encodeModel(layerVjp.model), settings, path);
        return runner.derive(layerSession, { activation: layerVjp.activation!, gradient: layerVjp.gradient, shape: graph.facts.get(value)!.shape });
      })());
    }
    return layers.get(layer)!;
  };

  return {
    info: {
      name: options.name ?? path.split('/').pop()!.replace(/\.onnx$/, ''),
      classes: classes.names,
      inputShape: [input.channels, input.height, input.width],
      activation: options.activation ?? 'softmax',
      mean,
      std,
    },
    forward: (x, n) => runner.forward(x, n, compiled.target),
    vjp: (x, n, gLogits) => runner.vjp(x, n, gLogits, compiled.target, compiled.gradient),
    async intermediate(x, n, layer, gLogits) {
      return (await layerRunner(layer)).intermediate(x, n, gLogits, compiled.target);
    },
    async dispose() {
      await session.release();
      for (const pending of layers.values()) await (await pending.catch(() => undefined))?.release();
      layers.clear();
    },
  };
}
