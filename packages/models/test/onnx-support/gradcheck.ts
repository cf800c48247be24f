/**
 * Test support: load a builder-made model as a Classifier (through a real .onnx file), and compare
 * directional derivatives of f(x) = sum(w * logits(x)) from vjp against central finite differences
 * accumulated in float64.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Classifier } from '@saliency-bench/core';
import type { OnnxGraphBuilder } from '../../src/onnx/compiler/graph-builder.js';
import { loadOnnxClassifier, type OnnxClassifierOptions } from '../../src/onnx/runtime/onnx-classifier.js';

const directory = mkdtempSync(join(tmpdir(), 'onnx-engine-test-'));
let counter = 0;

export function writeModel(bytes: Uint8Array, name = `model-${++counter}.onnx`): string {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
}

export function classNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `class${i}`);
}

export async function loadBuilt(g: OnnxGraphBuilder, classCount: number, options: Partial<OnnxClassifierOptions> = {}): Promise<Classifier> {
  return loadOnnxClassifier({ path: writeModel(g.toBytes()), classes: classNames(classCount), ...options });
}

export function randomArray(length: number, seed: string, scale = 1): Float32Array {
  return createRandom('onnx-engine-test', seed).fillNormal(new Float32Array(length), 0, scale);
}

export interface DirectionalCheck {
  analytic: number;
  numeric: number;
  /** |analytic - numeric| / max(|analytic|, |numeric|, |gInput|): the last is the typical size of <gInput, v>. */
  error: number;
}

/** (f(x + h v) - f(x - h v)) / 2h for several steps h at once, summed in float64. */
async function centralDifferences(model: Classifier, x: Float32Array, v: Float32Array, w: Float32Array, n: number, steps: number[]): Promise<number[]> {
  const size = x.length;
  const shifted = new Float32Array(2 * steps.length * size);
  steps.forEach((h, k) => {
    for (let i = 0; i < size; i++) {
      shifted[2 * k * size + i] = x[i] + h * v[i];
      shifted[(2 * k + 1) * size + i] = x[i] - h * v[i];
    }
  });
  const logits = await model.forward(shifted, 2 * steps.length * n);
  const block = w.length;
  return steps.map((h, k) => {
    let sum = 0;
    for (let i = 0; i < block; i++) sum += w[i] * (logits[2 * k * block + i] - logits[(2 * k + 1) * block + i]);
    return sum / (2 * h);
  });
}

/**
 * Compares <vjp(x, w), v> with central differences for `directions` random v. Steps halve from
 * `step`; the estimate comes from the adjacent pair D(h), D(h/2) that agree best, so a ReLU or
 * max-pool kink crossed by a larger step does not count as a gradient error, and float32 noise of
 * too small a step is avoided (the choice never looks at the analytic value).
 */
export async function directionalChecks(model: Classifier, n: number, options: { seed: string; step?: number; ladder?: number; directions?: number; scale?: number }): Promise<DirectionalCheck[]> {
  const [c, hgt, wid] = model.info.inputShape;
  const size = n * c * hgt * wid;
  const x = randomArray(size, `${options.seed}-x`, options.scale ?? 1);
  const w = randomArray(n * model.info.classes.length, `${options.seed}-w`);
  const { gInput } = await model.vjp(x, n, w);
  const norm = Math.sqrt(gInput.reduce((sum, value) => sum + value * value, 0));
  const checks: DirectionalCheck[] = [];
  for (let d = 0; d < (options.directions ?? 3); d++) {
    const v = randomArray(size, `${options.seed}-v${d}`);
    // A ladder of halving steps; the adjacent pair that agrees best is on one linear piece.
    const steps = Array.from({ length: options.ladder ?? 8 }, (_, k) => (options.step ?? 1e-2) / 2 ** k);
    const estimates = await centralDifferences(model, x, v, w, n, steps);
    let best = 0;
    for (let k = 1; k < estimates.length - 1; k++) {
      if (Math.abs(estimates[k] - estimates[k + 1]) < Math.abs(estimates[best] - estimates[best + 1])) best = k;
    }
    const numeric = estimates[best + 1];
    let analytic = 0;
    for (let i = 0; i < size; i++) analytic += gInput[i] * v[i];
    const scale = Math.max(Math.abs(analytic), Math.abs(numeric), norm, 1e-6);
    checks.push({ analytic, numeric, error: Math.abs(analytic - numeric) / scale });
  }
  return checks;
}

/**
 * Like directionalChecks, but the differences come from an independent float64 evaluation of the
 * same model (`reference`), with a step of 1e-6: no float32 noise, and kinks are rarely crossed.
 * Also returns the largest relative difference between onnxruntime's and the reference's logits.
 */
export async function float64Checks(
  model: Classifier,
  reference: (x: Float64Array, shape: number[]) => Float64Array,
  n: number,
  options: { seed: string; directions?: number; step?: number },
): Promise<{ checks: DirectionalCheck[]; logitsError: number }> {
  const shape = [n, ...model.info.inputShape];
  const size = shape.reduce((a, b) => a * b, 1);
  const x = randomArray(size, `${options.seed}-x`);
  const w = randomArray(n * model.info.classes.length, `${options.seed}-w`);
  const { logits, gInput } = await model.vjp(x, n, w);
  const exact = reference(Float64Array.from(x), shape);
  const logitsScale = Math.max(...exact.map(Math.abs));
  const logitsError = Math.max(...exact.map((v, i) => Math.abs(v - logits[i]) / logitsScale));
  const norm = Math.sqrt(gInput.reduce((sum, value) => sum + value * value, 0));
  const step = options.step ?? 1e-6;
  const f = (sign: number, v: Float32Array) => reference(Float64Array.from(x, (xi, i) => xi + sign * step * v[i]), shape).reduce((sum, value, i) => sum + w[i] * value, 0);
  const checks: DirectionalCheck[] = [];
  for (let d = 0; d < (options.directions ?? 3); d++) {
    const v = randomArray(size, `${options.seed}-v${d}`);
    const numeric = (f(1, v) - f(-1, v)) / (2 * step);
    let analytic = 0;
    for (let i = 0; i < size; i++) analytic += gInput[i] * v[i];
    checks.push({ analytic, numeric, error: Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), norm, 1e-6) });
  }
  return { checks, logitsError };
}
