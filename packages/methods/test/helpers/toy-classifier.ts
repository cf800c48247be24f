/**
 * A tiny differentiable classifier written out by hand, for tests only: a 3x3 convolution
 * (padding 1) with tanh, then a dense layer over the whole feature map. Its vjp and its
 * 'features' intermediate are analytic, and it runs in float32 (as a Classifier) or float64
 * (as a DifferentiableModel, for finite-difference checks). It counts calls in flight and
 * disposals so the conformance suite can check that methods leave nothing running.
 */
import { createRandom, evaluateLossHead, type Classifier, type ClassifierInfo } from '@saliency-bench/core';
import type { DifferentiableModel } from '../../src/common/differentiable-model.js';
import type { FloatArray } from '../../src/math/floats.js';

export interface ToyOptions {
  size?: number;
  classes?: number;
  activation?: 'sigmoid' | 'softmax';
  seed?: string;
}

export interface ToyClassifier extends Classifier {
  inFlight: number;
  calls: number;
  disposed: boolean;
  /** The same network in float64. */
  float64: DifferentiableModel;
}

const FEATURES = 4;
const CHANNELS = 3;

export function createToyClassifier(options: ToyOptions = {}): ToyClassifier {
  const size = options.size ?? 16;
  const classes = options.classes ?? 5;
  const activation = options.activation ?? 'sigmoid';
  const random = createRandom('toy-classifier', options.seed ?? 'default');
  const kernel = Float64Array.from({ length: FEATURES * CHANNELS * 9 }, () => random.normal() * 0.5);
  const plane = size * size;
  const dense = Float64Array.from({ length: classes * FEATURES * plane }, () => (random.normal() * 4) / Math.sqrt(plane));
  const bias = Float64Array.from({ length: classes }, () => random.normal() * 0.3);

  /** Features A = tanh(conv(x)), [n, FEATURES, size, size]. */
  function features(x: FloatArray, n: number): Float64Array {
    const out = new Float64Array(n * FEATURES * plane);
    for (let b = 0; b < n; b++) {
      for (let f = 0; f < FEATURES; f++) {
        for (let y = 0; y < size; y++) {
          for (let xx = 0; xx < size; xx++) {
            let acc = 0;
            for (let c = 0; c < CHANNELS; c++) {
              for (let dy = -1; dy <= 1; dy++) {
                const sy = y + dy;
                if (sy < 0 || sy >= size) continue;
                for (let dx = -1; dx <= 1; dx++) {
                  const sx = xx + dx;
                  if (sx < 0 || sx >= size) continue;
                  acc += kernel[((f * CHANNELS + c) * 3 + dy + 1) * 3 + dx + 1] * x[(b * CHANNELS + c) * plane + sy * size + sx];
                }
              }
            }
            out[(b * FEATURES + f) * plane + y * size + xx] = Math.tanh(acc);
          }
        }
      }
    }
    return out;
  }

  function logitsOf(a: Float64Array, n: number): Float64Array {
    const logits = new Float64Array(n * classes);
    const span = FEATURES * plane;
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < classes; k++) {
        let acc = bias[k];
        for (let i = 0; i < span; i++) acc += dense[k * span + i] * a[b * span + i];
        logits[b * classes + k] = acc;
      }
    }
    return logits;
  }

  /** d(sum g * logits)/dA. */
  function featureGradient(g: ArrayLike<number>, n: number): Float64Array {
    const span = FEATURES * plane;
    const gA = new Float64Array(n * span);
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < classes; k++) {
        const gk = g[b * classes + k];
        if (gk === 0) continue;
        for (let i = 0; i < span; i++) gA[b * span + i] += gk * dense[k * span + i];
      }
    }
    return gA;
  }

  function inputGradient(a: Float64Array, gA: Float64Array, n: number, out: FloatArray): void {
    for (let b = 0; b < n; b++) {
      for (let f = 0; f < FEATURES; f++) {
        for (let y = 0; y < size; y++) {
          for (let xx = 0; xx < size; xx++) {
            const ai = (b * FEATURES + f) * plane + y * size + xx;
            const gz = gA[ai] * (1 - a[ai] * a[ai]);
            if (gz === 0) continue;
            for (let c = 0; c < CHANNELS; c++) {
              for (let dy = -1; dy <= 1; dy++) {
                const sy = y + dy;
                if (sy < 0 || sy >= size) continue;
                for (let dx = -1; dx <= 1; dx++) {
                  const sx = xx + dx;
                  if (sx < 0 || sx >= size) continue;
                  out[(b * CHANNELS + c) * plane + sy * size + sx] += kernel[((f * CHANNELS + c) * 3 + dy + 1) * 3 + dx + 1] * gz;
                }
              }
            }
          }
        }
      }
    }
  }

  function check(x: FloatArray, n: number): void {
    if (x.length !== n * CHANNELS * plane) throw new Error(`toy: expected ${n}x${CHANNELS}x${size}x${size} inputs, got ${x.length}`);
  }

  const info: ClassifierInfo = {
    name: 'toy',
    classes: Array.from({ length: classes }, (_, k) => `class${k}`),
    inputShape: [CHANNELS, size, size],
    activation,
    mean: [0.5, 0.5, 0.5],
    std: [0.25, 0.25, 0.25],
  };

  const toy: ToyClassifier = {
    info,
    inFlight: 0,
    calls: 0,
    disposed: false,
    async forward(x, n) {
      check(x, n);
      toy.inFlight++;
      toy.calls++;
      await Promise.resolve();
      toy.inFlight--;
      return Float32Array.from(logitsOf(features(x, n), n));
    },
    async vjp(x, n, gLogits) {
      check(x, n);
      toy.inFlight++;
      toy.calls++;
      await Promise.resolve();
      const a = features(x, n);
      const gInput = new Float32Array(x.length);
      inputGradient(a, featureGradient(gLogits, n), n, gInput);
      toy.inFlight--;
      return { logits: Float32Array.from(logitsOf(a, n)), gInput };
    },
    async intermediate(x, n, layer, gLogits) {
      if (layer !== 'features') throw new Error(`toy: no intermediate named "${layer}" (available: features)`);
      check(x, n);
      const a = features(x, n);
      return {
        logits: Float32Array.from(logitsOf(a, n)),
        activation: Float32Array.from(a),
        gradient: Float32Array.from(featureGradient(gLogits, n)),
        shape: [n, FEATURES, size, size],
      };
    },
    async dispose() {
      toy.disposed = true;
    },
    float64: {
      classes,
      activation,
      forward: async (x, n) => logitsOf(features(x, n), n),
      async lossGradient(x, n, head) {
        const a = features(x, n);
        const logits = logitsOf(a, n);
        const { parts, gLogits } = evaluateLossHead(head, logits, n, classes, activation);
        const gInput = new Float64Array(x.length);
        inputGradient(a, featureGradient(gLogits, n), n, gInput);
        return { logits, gInput, parts };
      },
    },
  };
  return toy;
}
