/**
 * RP's options for the points where the official code departs from the paper. Each test runs the
 * real method on the hand-written toy model for one step from the all-zero mask, where the inputs
 * are known exactly: the perturbed branch is the baseline b (+ noise) and the preserved branch is
 * x (+ noise).
 */
import { normalize, resizeBilinear, type Classifier, type Job } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { referenceBaseline } from '../src/common/reference-baseline.js';
import { resizePilBilinear } from '../src/common/pil-bilinear-resize.js';
import { resizeBilinearUint8 } from '../src/common/uint8-bilinear-resize.js';
import { robustPerturbationPlugin } from '../src/rp/robust-perturbation.js';
import { resolveRpSettings, type RobustPerturbationOptions } from '../src/rp/rp-options.js';
import { makeContext, squareSample } from './helpers/fixtures.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const SIZE = 16;
const PLANE = SIZE * SIZE;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A 40 x 40 sample, so that both resizes shrink it to the toy's 16 x 16. */
function job(): Job {
  const sample = squareSample('reference-options', 40, 9, 14, 12);
  return { sample, classIndex: 0, key: `${sample.id}__0` };
}

/** The toy model, recording every input that vjp sees. */
function recordingToy(): { model: Classifier; vjpInputs: Float32Array[] } {
  const toy = createToyClassifier({ size: SIZE, classes: 5 });
  const vjpInputs: Float32Array[] = [];
  const model: Classifier = { ...toy, info: toy.info, forward: (x, n) => toy.forward(x, n), dispose: () => toy.dispose() };
  model.vjp = (x, n, g) => {
    vjpInputs.push(x.slice());
    return toy.vjp(x, n, g);
  };
  return { model, vjpInputs };
}

/** `reference` is the preset's older spelling, still accepted (the plugin's presetAlias). */
async function runRp(model: Classifier, options: Partial<RobustPerturbationOptions> & { reference?: string }) {
  const method = await robustPerturbationPlugin.create({ ...robustPerturbationPlugin.defaults, iterations: 1, imageSize: SIZE, ...options }, { baseDir: '.', seed: 1 });
  const [result] = await method.explain([job()], makeContext(model));
  return result;
}

/** Independent images: x and b as each reference resizes them. */
function images(model: Classifier, input: 'bilinear' | 'pil-bilinear', source: 'bilinear' | 'opencv-uint8') {
  const { sample } = job();
  const args = [sample.image, 3, sample.height, sample.width, SIZE, SIZE] as const;
  const x = normalize(input === 'pil-bilinear' ? resizePilBilinear(...args) : resizeBilinear(...args), model.info.mean, model.info.std);
  const raw = source === 'opencv-uint8' ? resizeBilinearUint8(...args) : resizeBilinear(...args);
  return { x, b: referenceBaseline(raw, SIZE, SIZE, model.info, 'reference') };
}

const probs = async (model: Classifier, input: Float32Array) => Array.from(await model.forward(input, 1), sigmoid);

/** Sample std of one channel of a noise image. */
function channelStd(noise: number[], channel: number): number {
  const values = noise.slice(channel * PLANE, (channel + 1) * PLANE);
  const mean = values.reduce((a, b) => a + b, 0) / PLANE;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (PLANE - 1));
}

describe("rp's reference option", () => {
  it("follows the paper by default, the official code with 'official', and single options override it", () => {
    expect(resolveRpSettings({})).toMatchObject({ reference: 'paper', noiseChannels: 'all', distortionMask: 'final', inputResize: 'bilinear', baselineResize: 'bilinear', iterations: 150 });
    expect(resolveRpSettings({ reference: 'official' })).toMatchObject({ noiseChannels: 'first', distortionMask: 'last-iteration', inputResize: 'pil-bilinear', baselineResize: 'opencv-uint8' });
    expect(resolveRpSettings({ reference: 'official', noiseChannels: 'all' })).toMatchObject({ noiseChannels: 'all', distortionMask: 'last-iteration' });
    expect(() => resolveRpSettings({ reference: 'github' as never })).toThrow(/reference/);
  });
});

describe('rp noise channels', () => {
  for (const noiseChannels of ['first', 'all'] as const) {
    it(`puts N(0, 0.2) noise on ${noiseChannels === 'first' ? 'channel 0 only (cv2.randn with a scalar std)' : 'every channel'}`, async () => {
      const { model, vjpInputs } = recordingToy();
      await runRp(model, { noiseChannels });
      const { x, b } = images(model, 'bilinear', 'bilinear');
      const [batch] = vjpInputs;
      // Rows: perturbed (b + n1), preserved (x + n2).
      const noises = [Array.from(b, (v, i) => batch[i] - v), Array.from(x, (v, i) => batch[x.length + i] - v)];
      for (const noise of noises) {
        for (let c = 0; c < 3; c++) {
          if (noiseChannels === 'first' && c > 0) {
            expect(noise.slice(c * PLANE, (c + 1) * PLANE).every((v) => v === 0), `channel ${c} untouched`).toBe(true);
          } else {
            expect(channelStd(noise, c)).toBeGreaterThan(0.17);
            expect(channelStd(noise, c)).toBeLessThan(0.23);
          }
        }
      }
    });
  }
});

describe('rp class distortion probabilities', () => {
  it("come from the final mask by default (after the last step, so they differ from the start's)", async () => {
    const { model } = recordingToy();
    const result = await runRp(model, { distortionMask: 'final' });
    const { x } = images(model, 'bilinear', 'bilinear');
    const atStart = await probs(model, x);
    const moved = Math.max(...atStart.map((p, k) => Math.abs(p - result.probs!.preserved![k])));
    expect(moved).toBeGreaterThan(1e-3);
  });

  it("come from the last iteration's inputs with 'last-iteration': after one step, the all-zero mask (b and x)", async () => {
    const { model } = recordingToy();
    const result = await runRp(model, { distortionMask: 'last-iteration' });
    const { x, b } = images(model, 'bilinear', 'bilinear');
    const [perturbed, preserved] = [await probs(model, b), await probs(model, x)];
    for (let k = 0; k < 5; k++) {
      expect(result.probs!.perturbed![k]).toBeCloseTo(perturbed[k], 6);
      expect(result.probs!.preserved![k]).toBeCloseTo(preserved[k], 6);
    }
  });
});

describe('rp resizing', () => {
  for (const [inputResize, baselineResize] of [['pil-bilinear', 'bilinear'], ['bilinear', 'opencv-uint8'], ['pil-bilinear', 'opencv-uint8']] as const) {
    it(`reads x resized by ${inputResize} and blurs a baseline source resized by ${baselineResize}`, async () => {
      const { model } = recordingToy();
      const result = await runRp(model, { inputResize, baselineResize, distortionMask: 'last-iteration' });
      const expected = images(model, inputResize, baselineResize);
      const plain = images(model, 'bilinear', 'bilinear');
      const [clean, perturbed] = [await probs(model, expected.x), await probs(model, expected.b)];
      for (let k = 0; k < 5; k++) {
        expect(result.probs!.clean[k]).toBeCloseTo(clean[k], 6);
        expect(result.probs!.perturbed![k]).toBeCloseTo(perturbed[k], 6);
      }
      // And the choice matters: the plain resize gives other probabilities.
      const other = inputResize === 'bilinear' ? await probs(model, plain.b) : await probs(model, plain.x);
      const mine = inputResize === 'bilinear' ? result.probs!.perturbed! : result.probs!.clean;
      expect(Math.max(...other.map((p, k) => Math.abs(p - mine[k])))).toBeGreaterThan(1e-4);
    });
  }

  it("'official' sets all four: x by PIL, b from the uint8 OpenCV resize, noise on channel 0, last-iteration probabilities", async () => {
    const { model, vjpInputs } = recordingToy();
    const result = await runRp(model, { reference: 'official' });
    const { x, b } = images(model, 'pil-bilinear', 'opencv-uint8');
    expect(result.probs!.preserved!.every((p, k) => Math.abs(p - result.probs!.clean[k]) < 1e-6)).toBe(true);
    const perturbed = await probs(model, b);
    for (let k = 0; k < 5; k++) expect(result.probs!.perturbed![k]).toBeCloseTo(perturbed[k], 6);
    const [batch] = vjpInputs;
    expect(Array.from(x.subarray(PLANE), (v, i) => batch[x.length + PLANE + i] - v).every((v) => v === 0)).toBe(true);
  });
});
