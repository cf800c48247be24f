/**
 * loadOnnxClassifier: an ONNX image classifier with forward, vjp (forward and backward in one
 * session call, from the compiled VJP model) and intermediate activations for Grad-CAM.
 */
import { lastSpatialActivation } from '../compiler/last-spatial-activation.js';
import { readFile } from 'node:fs/promises';
import type { Classifier, LossHead, ModelContext } from '@saliency-bench/core';
import { declaredSettings, fileStem, inputSizeOf, modelPath, resolveModelSettings, type DeclaredModelSettings } from '../../settings/model-settings.js';
import { settingsBeside } from '../../settings/model-info-file.js';
import { engineMaxBatch, onnxExecution } from '../../settings/execution-settings.js';
import { analyzeGraph, type AnalyzedGraph } from '../compiler/graph-analysis.js';
import { readModelGraph } from '../compiler/model-graph.js';
import { foldBatchNorms } from '../compiler/fold-batch-norm.js';
import { readModelInput } from './model-input.js';
import { encodeModel } from '../proto/onnx-proto.js';
import { opRules } from '../compiler/ops/index.js';
import { createSession, type OrtLogLevel, type SessionSettings } from './onnx-session.js';
import { SessionRunner } from './session-runner.js';
import { compileVjp, type VjpRequest } from '../compiler/vjp-compiler.js';
import { ModelDirectory } from './model-directory.js';
import { padConvChannelsForWebGpu } from '../compiler/webgpu-conv-channels.js';

/** Classes, inputSize, mean, std, activation and name: see settings/model-settings.ts. */
export interface OnnxClassifierOptions extends DeclaredModelSettings {
  /** The .onnx file; relative paths resolve against the spec's directory. */
  path: string;
  executionProviders?: string[];
  threads?: number;
  /** Idle onnxruntime threads spin (true) or sleep (false); see SessionSettings. */
  threadSpinning?: boolean;
  /** onnxruntime's log level (default 'error'); 'verbose' logs where each node runs. */
  logLevel?: OrtLogLevel;
  maxBatch?: number;
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`${path}: cannot read the ONNX model (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path option`);
  }
}

interface Prepared {
  bytes: Uint8Array;
  analyzed: AnalyzedGraph;
}

export async function loadOnnxClassifier(options: OnnxClassifierOptions, context: Partial<ModelContext> = {}): Promise<Classifier> {
  const path = modelPath(options.path, context.baseDir);
  const settings: SessionSettings = { ...onnxExecution(options, context.execution), logLevel: options.logLevel, threadSpinning: options.threadSpinning };
  const firstBytes = await readModelFile(path);
  const declared = declaredSettings(options, await settingsBeside(path));
  const inputSize = inputSizeOf(declared);
  const directory = new ModelDirectory(path);
  const prepare = async (file: string | Uint8Array, keep?: Set<string>): Promise<Prepared> => {
    const bytes = typeof file === 'string' ? await readModelFile(file) : file;
    const graph = foldBatchNorms(readModelGraph(bytes, path), directory.store, keep);
    const input = readModelInput(graph, inputSize);
    return { bytes, analyzed: analyzeGraph(graph, input.name, input.shape, opRules) };
  };
  const emit = (name: string, request: VjpRequest, from: Prepared) => {
    const compiled = compileVjp(from.analyzed, { ...request, weights: directory.store });
    if (settings.executionProviders.includes('webgpu')) padConvChannelsForWebGpu(compiled.model);
    return { compiled, file: directory.write(name, encodeModel(directory.externalize(compiled.model, from.bytes))) };
  };
  let runner: SessionRunner;
  let vjp: ReturnType<typeof emit>;
  let info: Classifier['info'];
  try {
    let prepared: Prepared | undefined = await prepare(firstBytes);
    const input = readModelInput(prepared.analyzed.graph, inputSize);
    const target = prepared.analyzed.graph.outputs[0]?.name ?? '';
    const logitsShape = prepared.analyzed.facts.get(target)?.shape ?? [];
    if (logitsShape.length !== 2 || typeof logitsShape[1] !== 'number') {
      throw new Error(`${path}: the first output "${target}" has shape [${logitsShape}]; the ONNX engine needs logits of shape [N, K]`);
    }
    const classCount = logitsShape[1];
    info = await resolveModelSettings(declared, {
      file: path, inputShape: [input.channels, input.height, input.width], classCount, defaultName: fileStem(path),
    }, context);
    // The loss head in float64 (bit for bit the two-call path's gradients) where the provider has it.
    const headPrecision = settings.executionProviders.includes('webgpu') ? 'float32' : 'float64';
    vjp = emit('vjp.onnx', { target, head: { activation: info.activation, precision: headPrecision } }, prepared);
    const forward = emit('forward.onnx', { target, forwardOnly: true }, prepared);
    prepared = undefined; // the weights now live only in the linked and derived files
    const fixedBatch = typeof input.shape[0] === 'number' ? input.shape[0] : undefined;
    runner = new SessionRunner(await createSession(vjp.file, settings, path), {
      source: path,
      input: vjp.compiled.input,
      gradTarget: vjp.compiled.gradTarget,
      imageShape: [input.channels, input.height, input.width],
      classCount,
      maxBatch: fixedBatch ?? engineMaxBatch(options, context.execution),
      fixedBatch,
      head: vjp.compiled.head,
    }, undefined, async () => {
      directory.assertUnchanged();
      return createSession(forward.file, settings, path);
    });
  } catch (error) {
    directory.dispose();
    throw error;
  }
  const target = vjp.compiled.target;

  const layers = new Map<string, Promise<SessionRunner>>();
  const layerRunner = (layer: string): Promise<SessionRunner> => {
    if (!layers.has(layer)) {
      layers.set(layer, (async () => {
        directory.assertUnchanged();
        // "auto" needs the graph to name the layer; the second pass keeps that value unfused.
        const named = layer === 'auto' ? lastSpatialActivation((await prepare(directory.weightsFile)).analyzed, path) : layer;
        const again = await prepare(directory.weightsFile, new Set([named]));
        const { analyzed } = again;
        const value = analyzed.graph.nodes.find((n) => n.name === named)?.outputs[0] ?? named;
        if (!analyzed.facts.has(value) || analyzed.constants.has(value)) {
          const names = analyzed.nodes.slice(0, 12).map((n) => n.outputs[0]).join(', ');
          throw new Error(`${path}: no layer named "${named}" (give a node name or a value name, e.g. ${names}, ...)`);
        }
        const { compiled, file } = emit(`layer-${layers.size}.onnx`, { target, wrt: value }, again);
        return runner.derive(await createSession(file, settings, path), {
          activation: compiled.activation!, gradient: compiled.gradient, shape: analyzed.facts.get(value)!.shape,
        });
      })());
    }
    return layers.get(layer)!;
  };

  return {
    info,
    forward: (x, n) => runner.forward(x, n, vjp.compiled.target),
    vjp: (x, n, gLogits) => runner.vjp(x, n, gLogits, vjp.compiled.target, vjp.compiled.gradient),
    ...(vjp.compiled.head && {
      vjpWithHead: (x: Float32Array, n: number, head: LossHead) => runner.vjpWithHead(x, n, head, vjp.compiled.target, vjp.compiled.gradient),
    }),
    async intermediate(x, n, layer, gLogits) {
      return (await layerRunner(layer)).intermediate(x, n, gLogits, vjp.compiled.target);
    },
    async dispose() {
      await runner.release();
      for (const pending of layers.values()) await (await pending.catch(() => undefined))?.release();
      layers.clear();
      directory.dispose();
    },
  };
}
