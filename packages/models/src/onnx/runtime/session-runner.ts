/**
 * Runs a compiled VJP session over a batch: splits n into chunks of at most maxBatch (padding
 * the last chunk when the model's batch size is fixed), checks sizes and finiteness, and
 * concatenates the results.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { assertFinite, floatTensor, loadRuntime } from './onnx-session.js';
import type { Shape } from '../compiler/ops/op-rule.js';
import { checkLossHead, sliceLossHead, type HeadArray, type HeadEvaluation, type LossHead } from '@saliency-bench/core';
import type { HeadInputs } from '../compiler/loss-head-graph.js';

export interface RunnerConfig {
  source: string;
  input: string;
  gradTarget: string;
  imageShape: [number, number, number];
  classCount: number;
  maxBatch: number;
  /** Set when the model's batch dimension is a fixed number. */
  fixedBatch?: number;
  /** The gradient session's loss head inputs and parts output, when it has them. */
  head?: { inputs: HeadInputs; precision: 'float32' | 'float64'; parts: string };
}

export interface LayerOutputs {
  activation: string;
  gradient: string;
  shape: Shape;
}

/**
 * `session` computes the target and gradients (inputs x and the target's gradient); the optional
 * `forwardSession` computes the target alone, created on first use (onnxruntime runs every node
 * of a graph whatever the requested outputs, so the gradient session would make forward() slow).
 */
export class SessionRunner {
  private forwardPending?: Promise<InferenceSession>;

  constructor(
    private readonly session: InferenceSession,
    private readonly config: RunnerConfig,
    private readonly layer?: LayerOutputs,
    private readonly createForward?: () => Promise<InferenceSession>,
  ) {}

  derive(session: InferenceSession, layer: LayerOutputs): SessionRunner {
    return new SessionRunner(session, { ...this.config, head: undefined }, layer);
  }

  async release(): Promise<void> {
    await this.session.release();
    const forward = await this.forwardPending?.catch(() => undefined);
    await forward?.release();
  }

  private check(values: Float32Array, n: number, perItem: number, what: string): void {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${this.config.source}: n must be a positive integer, got ${n}`);
    if (values.length !== n * perItem) {
      throw new Error(`${this.config.source}: ${what} has ${values.length} values; expected n x ${perItem} = ${n * perItem}`);
    }
  }

  /** Runs the session chunk by chunk; `collect` receives each chunk's outputs and its offset. */
  private async run(
    x: Float32Array,
    n: number,
    g: Float32Array | undefined,
    fetches: string[],
    collect: (out: Record<string, Tensor>, start: number, count: number) => void,
    lossHead: LossHead = {},
  ) {
    let session = this.session;
    if (!g && this.createForward) {
      this.forwardPending ??= this.createForward();
      session = await this.forwardPending;
    }
    const { imageShape, classCount, maxBatch, fixedBatch } = this.config;
    const imageSize = imageShape[0] * imageShape[1] * imageShape[2];
    for (let start = 0; start < n; start += maxBatch) {
      const count = Math.min(maxBatch, n - start);
      const rows = fixedBatch ?? count;
      let xs = x.subarray(start * imageSize, (start + count) * imageSize);
      let gs = g ? g.subarray(start * classCount, (start + count) * classCount) : new Float32Array(rows * classCount);
      if (rows !== count) {
        xs = padded(xs, rows * imageSize);
        gs = padded(gs, rows * classCount);
      }
      const feeds: Record<string, Tensor> = { [this.config.input]: await floatTensor(xs, [rows, ...imageShape]) };
      if (session === this.session) {
        feeds[this.config.gradTarget] = await floatTensor(gs, [rows, classCount]);
        // The head's arrays (zeros where absent): with all of them zero the graph is the plain vjp.
        const head = sliceLossHead(lossHead, start, count, classCount);
        for (const [key, name] of Object.entries(this.config.head?.inputs ?? {}) as [keyof HeadInputs, string][]) {
          const perRow = key === 'maxLogit' || key === 'maxProbability' ? 1 : classCount;
          feeds[name] = await headTensor(head[key], rows * perRow, [rows, perRow], this.config.head!.precision);
        }
      }
      const out = await session.run(feeds, fetches);
      collect(out, start, count);
    }
  }

  async forward(x: Float32Array, n: number, target: string): Promise<Float32Array> {
    const { classCount, imageShape } = this.config;
    this.check(x, n, imageShape[0] * imageShape[1] * imageShape[2], 'the input');
    const logits = new Float32Array(n * classCount);
    await this.run(x, n, undefined, [target], (out, start, count) => {
      logits.set((out[target].data as Float32Array).subarray(0, count * classCount), start * classCount);
    });
    assertFinite(logits, 'logits', this.config.source);
    return logits;
  }

  async vjp(x: Float32Array, n: number, gLogits: Float32Array, target: string, gradient: string) {
    const { classCount, imageShape } = this.config;
    const imageSize = imageShape[0] * imageShape[1] * imageShape[2];
    this.check(x, n, imageSize, 'the input');
    this.check(gLogits, n, classCount, 'gLogits');
    const logits = new Float32Array(n * classCount);
    const gInput = new Float32Array(n * imageSize);
    await this.run(x, n, gLogits, [target, gradient], (out, start, count) => {
      logits.set((out[target].data as Float32Array).subarray(0, count * classCount), start * classCount);
      gInput.set((out[gradient].data as Float32Array).subarray(0, count * imageSize), start * imageSize);
    });
    assertFinite(logits, 'logits', this.config.source);
    assertFinite(gInput, 'input gradients', this.config.source);
    return { logits, gInput };
  }

  /** One call: logits, the loss head's parts per row and dL/dinput (the head's `logit` is gLogits). */
  async vjpWithHead(x: Float32Array, n: number, head: LossHead, target: string, gradient: string): Promise<HeadEvaluation> {
    const { classCount, imageShape } = this.config;
    const parts = this.config.head?.parts;
    if (!parts) throw new Error(`${this.config.source}: this compiled model has no loss head`);
    const imageSize = imageShape[0] * imageShape[1] * imageShape[2];
    this.check(x, n, imageSize, 'the input');
    checkLossHead(head, n, classCount, this.config.source);
    const logits = new Float32Array(n * classCount);
    const gInput = new Float32Array(n * imageSize);
    const partValues = new Float32Array(n * 5);
    const gLogits = head.logit ? Float32Array.from(head.logit) : new Float32Array(n * classCount);
    await this.run(x, n, gLogits, [target, gradient, parts], (out, start, count) => {
      logits.set((out[target].data as Float32Array).subarray(0, count * classCount), start * classCount);
      gInput.set((out[gradient].data as Float32Array).subarray(0, count * imageSize), start * imageSize);
      partValues.set((out[parts].data as Float32Array).subarray(0, count * 5), start * 5);
    }, head);
    assertFinite(logits, 'logits', this.config.source);
    assertFinite(gInput, 'input gradients', this.config.source);
    assertFinite(partValues, 'loss head parts', this.config.source);
    return { logits, gInput, parts: partValues };
  }

  async intermediate(x: Float32Array, n: number, gLogits: Float32Array, target: string) {
    const { classCount, imageShape } = this.config;
    const layer = this.layer!;
    this.check(x, n, imageShape[0] * imageShape[1] * imageShape[2], 'the input');
    this.check(gLogits, n, classCount, 'gLogits');
    const perItem = layer.shape.slice(1).reduce<number>((a, d) => a * (d as number), 1);
    const logits = new Float32Array(n * classCount);
    const activation = new Float32Array(n * perItem);
    const gradient = new Float32Array(n * perItem);
    await this.run(x, n, gLogits, [target, layer.activation, layer.gradient], (out, start, count) => {
      logits.set((out[target].data as Float32Array).subarray(0, count * classCount), start * classCount);
      activation.set((out[layer.activation].data as Float32Array).subarray(0, count * perItem), start * perItem);
      gradient.set((out[layer.gradient].data as Float32Array).subarray(0, count * perItem), start * perItem);
    });
    assertFinite(logits, 'logits', this.config.source);
    assertFinite(gradient, `gradients of layer ${layer.activation}`, this.config.source);
    return { logits, activation, gradient, shape: [n, ...(layer.shape.slice(1) as number[])] };
  }
}

/** A head array as a tensor of `length` values (zero-padded rows; zeros when absent). */
async function headTensor(values: HeadArray | undefined, length: number, dims: number[], precision: 'float32' | 'float64'): Promise<Tensor> {
  const wide = precision === 'float64';
  let data: Float32Array | Float64Array;
  if (values && values.length === length && (wide ? values instanceof Float64Array : values instanceof Float32Array)) data = values;
  else {
    data = wide ? new Float64Array(length) : new Float32Array(length);
    if (values) data.set(values);
  }
  const ort = await loadRuntime();
  return new ort.Tensor(wide ? 'float64' : 'float32', data, dims);
}

function padded(values: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  out.set(values);
  return out;
}
