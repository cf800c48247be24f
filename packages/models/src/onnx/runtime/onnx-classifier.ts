/**
 * loadOnnxClassifier: an ONNX image classifier with forward, vjp (forward and backward in one
 * session call, from the compiled VJP model) and intermediate activations for Grad-CAM.
 */
import { readFile } from 'node:fs/promises';
import { lastSpatialActivation } from '../compiler/last-spatial-activation.js';
import type { Classifier, ClassifierInfo, LossHead, ModelContext } from '@saliency-bench/core';
import { declaredSettings, fileStem, inputSizeOf, modelPath, resolveModelSettings, type DeclaredModelSettings } from '../../settings/model-settings.js';
import { settingsBeside } from '../../settings/model-info-file.js';
import { engineMaxBatch, onnxExecution } from '../../settings/execution-settings.js';
import { analyzeGraph, type AnalyzedGraph } from '../compiler/graph-analysis.js';
import { readModelGraph } from '../compiler/model-graph.js';
import { foldBatchNorms } from '../compiler/fold-batch-norm.js';
import { readModelInput } from './model-input.js';
import { encodeModel } from '../proto/onnx-proto.js';
import { opRules } from '../compiler/ops/index.js';
import type { OpTable } from '../compiler/ops/op-rule.js';
import { createSession, type OrtLogLevel, type SessionSettings } from './onnx-session.js';
import { SessionRunner } from './session-runner.js';
import { compileVjp, type CompiledVjp, type VjpRequest } from '../compiler/vjp-compiler.js';
import { ModelDirectory } from './model-directory.js';
import { padConvChannelsForWebGpu } from '../compiler/webgpu-conv-channels.js';
import type { OnnxClassifierOptions } from '../onnx-options.js';

export type { OnnxClassifierOptions } from '../onnx-options.js';

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

interface Emitted {
  compiled: CompiledVjp;
  file: string;
}

export async function loadOnnxClassifier(options: OnnxClassifierOptions, context: Partial<ModelContext> = {}): Promise<Classifier> {
  return new OnnxClassifierLoader(options, context).load();
}

/**
 * Loading, step by step: read the file and the settings beside it, prepare (fold BatchNorm,
 * analyse with the op table), describe (logits, classes, normalisation), emit the vjp and forward
 * models into the model directory, start the sessions; intermediate layers compile on first use.
 */
export class OnnxClassifierLoader {
  readonly path: string;
  private readonly settings: SessionSettings;
  private directory!: ModelDirectory;
  private inputSize: [number, number] | undefined;

  constructor(
    private readonly options: OnnxClassifierOptions,
    private readonly context: Partial<ModelContext> = {},
    private readonly rules: OpTable = opRules,
  ) {
    this.path = modelPath(options.path, context.baseDir);
    this.settings = { ...onnxExecution(options, context.execution), logLevel: options.logLevel, threadSpinning: options.threadSpinning };
  }

  async load(): Promise<Classifier> {
    const bytes = await readModelFile(this.path);
    const declared = declaredSettings(this.options, await settingsBeside(this.path));
    this.inputSize = inputSizeOf(declared);
    this.directory = new ModelDirectory(this.path);
    try {
      let prepared: Prepared | undefined = await this.prepare(bytes);
      const { info, target, fixedBatch } = await this.describe(prepared, declared);
      // The loss head in float64 (bit for bit the two-call path's gradients) where the provider has it.
      const precision = this.settings.executionProviders.includes('webgpu') ? 'float32' : 'float64';
      const vjp = this.emit('vjp.onnx', { target, head: { activation: info.activation, precision } }, prepared);
      const forward = this.emit('forward.onnx', { target, forwardOnly: true }, prepared);
      prepared = undefined; // the weights now live only in the linked and derived files
      const runner = await this.startSessions(info, vjp, forward, fixedBatch);
      return this.classifier(info, runner, vjp);
    } catch (error) {
      this.directory.dispose();
      throw error;
    }
  }

  /** BatchNormalization folded into its Conv (except into `keep`), then the graph analysed. */
  private async prepare(file: string | Uint8Array, keep?: Set<string>): Promise<Prepared> {
    const bytes = typeof file === 'string' ? await readModelFile(file) : file;
    const graph = foldBatchNorms(readModelGraph(bytes, this.path), this.directory.store, keep);
    const input = readModelInput(graph, this.inputSize);
    return { bytes, analyzed: analyzeGraph(graph, input.name, input.shape, this.rules) };
  }

  /** The logits the engine differentiates, and what the model expects (the settings resolver). */
  private async describe(prepared: Prepared, declared: DeclaredModelSettings): Promise<{ info: ClassifierInfo; target: string; fixedBatch?: number }> {
    const { analyzed } = prepared;
    const input = readModelInput(analyzed.graph, this.inputSize);
    const target = analyzed.graph.outputs[0]?.name ?? '';
    const logitsShape = analyzed.facts.get(target)?.shape ?? [];
    if (logitsShape.length !== 2 || typeof logitsShape[1] !== 'number') {
      throw new Error(`${this.path}: the first output "${target}" has shape [${logitsShape}]; the ONNX engine needs logits of shape [N, K]`);
    }
    const info = await resolveModelSettings(declared, {
      file: this.path, inputShape: [input.channels, input.height, input.width], classCount: logitsShape[1], defaultName: fileStem(this.path),
    }, this.context);
    return { info, target, fixedBatch: typeof input.shape[0] === 'number' ? input.shape[0] : undefined };
  }

  /** One compiled model written to the model directory, its weights linked to the source file. */
  private emit(name: string, request: VjpRequest, from: Prepared): Emitted {
    const compiled = compileVjp(from.analyzed, this.rules, { ...request, weights: this.directory.store });
    if (this.settings.executionProviders.includes('webgpu')) padConvChannelsForWebGpu(compiled.model);
    return { compiled, file: this.directory.write(name, encodeModel(this.directory.externalize(compiled.model, from.bytes))) };
  }

  /** The vjp session now; the forward-only one on the first forward call. */
  private async startSessions(info: ClassifierInfo, vjp: Emitted, forward: Emitted, fixedBatch: number | undefined): Promise<SessionRunner> {
    const [channels, height, width] = info.inputShape;
    return new SessionRunner(await createSession(vjp.file, this.settings, this.path), {
      source: this.path,
      input: vjp.compiled.input,
      gradTarget: vjp.compiled.gradTarget,
      imageShape: [channels, height, width],
      classCount: info.classes.length,
      maxBatch: fixedBatch ?? engineMaxBatch(this.options, this.context.execution),
      fixedBatch,
      head: vjp.compiled.head,
    }, undefined, async () => {
      this.directory.assertUnchanged();
      return createSession(forward.file, this.settings, this.path);
    });
  }

  /** A runner for one intermediate layer: "auto" names the last spatial activation. */
  private async layerRunner(layer: string, index: number, runner: SessionRunner, target: string): Promise<SessionRunner> {
    this.directory.assertUnchanged();
    // "auto" needs the graph to name the layer; the second pass keeps that value unfused.
    const named = layer === 'auto' ? lastSpatialActivation((await this.prepare(this.directory.weightsFile)).analyzed, this.path) : layer;
    const again = await this.prepare(this.directory.weightsFile, new Set([named]));
    const { analyzed } = again;
    const value = analyzed.graph.nodes.find((n) => n.name === named)?.outputs[0] ?? named;
    if (!analyzed.facts.has(value) || analyzed.constants.has(value)) {
      const names = analyzed.nodes.slice(0, 12).map((n) => n.outputs[0]).join(', ');
      throw new Error(`${this.path}: no layer named "${named}" (give a node name or a value name, e.g. ${names}, ...)`);
    }
    const { compiled, file } = this.emit(`layer-${index}.onnx`, { target, wrt: value }, again);
    return runner.derive(await createSession(file, this.settings, this.path), {
      activation: compiled.activation!, gradient: compiled.gradient, shape: analyzed.facts.get(value)!.shape,
    });
  }

  private classifier(info: ClassifierInfo, runner: SessionRunner, vjp: Emitted): Classifier {
    const target = vjp.compiled.target;
    const layers = new Map<string, Promise<SessionRunner>>();
    const layer = (name: string) => {
      if (!layers.has(name)) layers.set(name, this.layerRunner(name, layers.size, runner, target));
      return layers.get(name)!;
    };
    const directory = this.directory;
    return {
      info,
      forward: (x, n) => runner.forward(x, n, target),
      vjp: (x, n, gLogits) => runner.vjp(x, n, gLogits, target, vjp.compiled.gradient),
      ...(vjp.compiled.head && {
        vjpWithHead: (x: Float32Array, n: number, head: LossHead) => runner.vjpWithHead(x, n, head, target, vjp.compiled.gradient),
      }),
      async intermediate(x, n, name, gLogits) {
        return (await layer(name)).intermediate(x, n, gLogits, target);
      },
      async dispose() {
        await runner.release();
        for (const pending of layers.values()) await (await pending.catch(() => undefined))?.release();
        layers.clear();
        directory.dispose();
      },
    };
  }
}
