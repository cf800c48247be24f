import { createRandom, gaussianBlur, medianBlur, normalize, toModelInput, resizeBilinear } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { resolveEpOptions } from '../src/ep/ep-options.js';
import { resolveMpSettings } from '../src/mp/mp-options.js';
import { robustPerturbationPlugin } from '../src/rp/robust-perturbation.js';
import { IMAGENET_MEAN, IMAGENET_STD, referenceBaseline } from '../src/common/reference-baseline.js';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('Robust Perturbation results', () => {
  it('returns map = 1 - m and the clean, perturbed and preserved probabilities of the final mask without noise', async () => {
    const toy = createToyClassifier({ size: 16, classes: 5 });
    const [job] = makeJobs(1, 16, 5);
    const method = await robustPerturbationPlugin.create({ ...robustPerturbationPlugin.defaults, iterations: 5, imageSize: 16 }, { baseDir: '.', seed: 1 });
    const [result] = await method.explain([job], makeContext(toy));
    const x = toModelInput(job.sample, toy.info);
    const baseline = referenceBaseline(resizeBilinear(job.sample.image, 3, 16, 16, 16, 16), 16, 16, toy.info, 'reference');
    const clean = Array.from(await toy.forward(x, 1), sigmoid);
    for (let k = 0; k < 5; k++) expect(result.probs!.clean[k]).toBeCloseTo(clean[k], 6);
    // Rebuild both branches from the returned map (m = 1 - map) and compare.
    const m = result.map.map((v) => 1 - v);
    const plane = 256;
    const prt = x.map((v, i) => baseline[i] + m[i % plane] * (v - baseline[i]));
    const psv = x.map((v, i) => v - m[i % plane] * (v - baseline[i]));
    const perturbed = Array.from(await toy.forward(prt, 1), sigmoid);
    const preserved = Array.from(await toy.forward(psv, 1), sigmoid);
    for (let k = 0; k < 5; k++) {
      expect(result.probs!.perturbed![k]).toBeCloseTo(perturbed[k], 5);
      expect(result.probs!.preserved![k]).toBeCloseTo(preserved[k], 5);
    }
    expect(Math.min(...m)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...m)).toBeLessThanOrEqual(1);
  });
});

describe('the reference baseline', () => {
  it("normalises the blur mix with ImageNet statistics ('reference') or the model's ('model')", () => {
    const random = createRandom('baseline-test');
    const raw = Float32Array.from({ length: 3 * 20 * 20 }, () => random.uniform());
    const mix = gaussianBlur(raw, 3, 20, 20, 11, 5).map((v, i) => (v + medianBlur(raw, 3, 20, 20, 11)[i]) / 2);
    const info = createToyClassifier({ size: 20 }).info;
    expect(Array.from(referenceBaseline(raw, 20, 20, info, 'reference'))).toEqual(Array.from(normalize(mix, IMAGENET_MEAN, IMAGENET_STD)));
    expect(Array.from(referenceBaseline(raw, 20, 20, info, 'model'))).toEqual(Array.from(normalize(mix, info.mean, info.std)));
  });
});

describe('method presets', () => {
  it("starts MP from the chosen preset and lets single options override it", () => {
    expect(resolveMpSettings({ preset: 'official' })).toMatchObject({ iterations: 300, l1Weight: 1e-4, tvForm: 'isotropic-sum', upsample: 'nearest', jitter: 4, init: 'circle' });
    expect(resolveMpSettings({ preset: 'pytorch-port', iterations: 20 })).toMatchObject({ iterations: 20, l1Weight: 0.01, inputNoise: 0.2, init: 'ones' });
    expect(() => resolveMpSettings({ preset: 'caffe' as never })).toThrow(/preset/);
  });

  it("uses TorchRay's benchmark areas and smoothing unless areas or smooth are given", () => {
    expect(resolveEpOptions({})).toMatchObject({ areas: [0.1], smooth: 0, iterations: 800 });
    expect(resolveEpOptions({ benchmark: 'voc' })).toMatchObject({ areas: [0.025, 0.05, 0.1, 0.2], smooth: 0.09 });
    expect(resolveEpOptions({ benchmark: 'coco', smooth: 0 })).toMatchObject({ areas: [0.018, 0.025, 0.05, 0.1], smooth: 0 });
    expect(() => resolveEpOptions({ areas: [1.5] })).toThrow(/areas/);
  });
});
