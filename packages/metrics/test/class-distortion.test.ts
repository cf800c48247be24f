import { describe, expect, it } from 'vitest';
import type { Attribution } from '@saliency-bench/core';
import { binaryKl, classDistortionPlugin, classDistortionScore } from '../src/class-distortion.js';
import { makeJob, makeSample, metricContext } from './fixtures.js';

const job = makeJob(makeSample('s', 4, 4), 0);
const create = (branch: 'perturbed' | 'preserved') => classDistortionPlugin.create({ branch }, { baseDir: '.', seed: 0 });

describe('class distortion score', () => {
  it('computes the binary KL by hand: KL(0.5 || 0.25) = 0.5 ln 2 + 0.5 ln(2/3) = 0.5 ln(4/3)', () => {
    expect(binaryKl(0.5, 0.25)).toBeCloseTo(0.5 * Math.log(4 / 3), 6);
    expect(binaryKl(0.3, 0.3)).toBe(0);
  });

  it('gives ln 3 when the target moved twice as much as the mean of the others', () => {
    // class 0 (target): KL(0.5||0.25) = 0.143841; class 1: KL(0.5||0.75) = 0.143841; class 2: 0
    // KL_nt = 0.0719205, ratio 2, CDS = ln(2 + 1)
    expect(classDistortionScore([0.5, 0.5, 0.8], [0.25, 0.75, 0.8], 0)).toBeCloseTo(Math.log(3), 5);
  });

  it("uses the method's perturbed probabilities by default and the preserved ones on request", async () => {
    const probs = {
      clean: Float32Array.from([0.5, 0.5, 0.8]),
      perturbed: Float32Array.from([0.25, 0.75, 0.8]),
      preserved: Float32Array.from([0.5, 0.5, 0.8]),
    };
    const attribution: Attribution = { map: new Float32Array(16), height: 4, width: 4, probs };
    const perturbed = await (await create('perturbed')).evaluate(job, attribution, metricContext());
    const preserved = await (await create('preserved')).evaluate(job, attribution, metricContext());
    expect(perturbed.state === 'done' && perturbed.value).toBeCloseTo(Math.log(3), 5);
    // Nothing changed: ln((0 + e) / (0 + e) + 1) = ln 2
    expect(preserved.state === 'done' && preserved.value).toBeCloseTo(Math.LN2, 6);
  });

  it('skips methods that return no probabilities, or not the requested branch', async () => {
    const bare: Attribution = { map: new Float32Array(16), height: 4, width: 4 };
    expect(await (await create('perturbed')).evaluate(job, bare, metricContext())).toMatchObject({
      state: 'skipped',
      reason: 'method returns no probabilities',
    });
    const cleanOnly: Attribution = { ...bare, probs: { clean: Float32Array.from([0.5, 0.5]), perturbed: Float32Array.from([0.1, 0.5]) } };
    expect(await (await create('preserved')).evaluate(job, cleanOnly, metricContext())).toMatchObject({
      state: 'skipped',
      reason: 'method returns no preserved probabilities',
    });
  });

  it('fails when the probability vectors do not match', async () => {
    const attribution: Attribution = { map: new Float32Array(16), height: 4, width: 4, probs: { clean: new Float32Array(3), perturbed: new Float32Array(2) } };
    expect(await (await create('perturbed')).evaluate(job, attribution, metricContext())).toMatchObject({ state: 'failed' });
  });
});
