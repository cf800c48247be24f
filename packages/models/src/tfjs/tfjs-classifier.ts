/**
 * Wraps a TensorFlow.js model as the core `Classifier`. The contract speaks NCHW, TensorFlow.js
 * speaks NHWC: inputs are transposed on the way in, input gradients and activations on the way out.
 * Every call runs inside tf.tidy, so no tensor outlives it.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import { checkLossHead, sliceLossHead, type Classifier, type ClassifierInfo } from '@saliency-bench/core';
import { tfLossHeadParts } from './tfjs-loss-head.js';
import type { TfjsRuntime } from './tfjs-runtime.js';

/** What the classifier needs from a model: NHWC images in, logits out, plus optional layer split. */
export interface TfjsModelAdapter {
  apply(x: Tf.Tensor4D): Tf.Tensor2D;
  /** Splits the model at a named layer: head(x) = activation (NHWC), tail(activation) = logits. */
  split?(layer: string): {
    head(x: Tf.Tensor4D): Tf.Tensor4D;
    tail(a: Tf.Tensor4D): Tf.Tensor2D;
    /** The activation's [height, width, channels]. */
    outputShape: [number, number, number];
  };
  dispose(): void;
}

export function createTfjsClassifier(
  runtime: TfjsRuntime,
  model: TfjsModelAdapter,
  info: ClassifierInfo,
  maxBatch = 32,
): Classifier {
  const { tf } = runtime;
  const [c, h, w] = info.inputShape;
  const K = info.classes.length;
  const plane = c * h * w;
  let disposed = false;

  const check = (x: Float32Array, n: number, g?: Float32Array) => {
    if (disposed) throw new Error(`${info.name}: the classifier was disposed`);
    if (!Number.isInteger(n) || n < 1 || x.length !== n * plane) {
      throw new Error(`${info.name}: input must hold n*${c}*${h}*${w} = ${n * plane} values for n=${n}, got ${x.length}`);
    }
    if (g !== undefined && g.length !== n * K) {
      throw new Error(`${info.name}: gLogits must hold n*K = ${n * K} values, got ${g.length}`);
    }
  };
  const toNhwc = (x: Float32Array, n: number) =>
    tf.transpose(tf.tensor4d(x, [n, c, h, w]), [0, 2, 3, 1]) as Tf.Tensor4D;
  const checkLogits = (logits: Tf.Tensor, n: number) => {
    if (logits.shape.length !== 2 || logits.shape[0] !== n || logits.shape[1] !== K) {
      throw new Error(`${info.name}: the model returned shape [${logits.shape}], expected [${n}, ${K}] logits`);
    }
  };

  /** Runs `step` on chunks of at most maxBatch images and concatenates the outputs. */
  async function chunked(n: number, parts: number[], step: (start: number, m: number) => Tf.Tensor[]) {
    const outputs = parts.map((size) => new Float32Array(n * size));
    for (let start = 0; start < n; start += maxBatch) {
      const m = Math.min(maxBatch, n - start);
      const tensors = step(start, m);
      for (let i = 0; i < tensors.length; i++) {
        outputs[i].set((await tensors[i].data()) as Float32Array, start * parts[i]);
        tensors[i].dispose();
      }
    }
    return outputs;
  }

  return {
    info,
    async forward(x, n) {
      check(x, n);
      const [logits] = await chunked(n, [K], (start, m) => [
        tf.tidy(() => {
          const out = model.apply(toNhwc(x.subarray(start * plane, (start + m) * plane), m));
          checkLogits(out, m);
          return out;
        }),
      ]);
      return logits;
    },
    async vjp(x, n, gLogits) {
      check(x, n, gLogits);
      const [logits, gInput] = await chunked(n, [K, plane], (start, m) =>
        tf.tidy(() => {
          const input = toNhwc(x.subarray(start * plane, (start + m) * plane), m);
          const dy = tf.tensor2d(gLogits.subarray(start * K, (start + m) * K), [m, K]);
          const { value, grad } = tf.valueAndGrad((v: Tf.Tensor4D) => {
            const out = model.apply(v);
            checkLogits(out, m);
            return out;
          })(input, dy);
          return [value, tf.transpose(grad, [0, 3, 1, 2])];
        }),
      );
      return { logits, gInput };
    },
    async vjpWithHead(x, n, head) {
      check(x, n);
      checkLossHead(head, n, K, info.name);
      const [logits, gInput, parts] = await chunked(n, [K, plane, 5], (start, m) =>
        tf.tidy(() => {
          const input = toNhwc(x.subarray(start * plane, (start + m) * plane), m);
          const rows = sliceLossHead(head, start, m, K);
          let logits: Tf.Tensor2D | undefined;
          let parts: Tf.Tensor2D | undefined;
          // One gradient function: the model and the loss head together, the loss summed over rows and parts.
          const { grad } = tf.valueAndGrad((v: Tf.Tensor4D) => {
            const out = model.apply(v);
            checkLogits(out, m);
            const rowParts = tfLossHeadParts(tf, out, rows, info.activation);
            // Kept: the gradient's own scope would dispose them.
            logits = tf.keep(out);
            parts = tf.keep(rowParts);
            return tf.sum(rowParts);
          })(input);
          return [logits!, tf.transpose(grad, [0, 3, 1, 2]), parts!];
        }),
      );
      return { logits, gInput, parts };
    },
    async intermediate(x, n, layer, gLogits) {
      check(x, n, gLogits);
      if (!model.split) throw new Error(`${info.name}: this model cannot expose intermediate layers (only Sequential layers models can)`);
      const { head, tail, outputShape } = model.split(layer);
      const [ah, aw, ac] = outputShape;
      const shape = [n, ac, ah, aw];
      const size = ac * ah * aw;
      const [logits, activation, gradient] = await chunked(n, [K, size, size], (start, m) =>
        tf.tidy(() => {
          const a = head(toNhwc(x.subarray(start * plane, (start + m) * plane), m));
          const dy = tf.tensor2d(gLogits.subarray(start * K, (start + m) * K), [m, K]);
          const { value, grad } = tf.valueAndGrad((v: Tf.Tensor4D) => tail(v))(a, dy);
          return [value, tf.transpose(a, [0, 3, 1, 2]), tf.transpose(grad, [0, 3, 1, 2])];
        }),
      );
      return { logits, activation, gradient, shape };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      model.dispose();
    },
  };
}
