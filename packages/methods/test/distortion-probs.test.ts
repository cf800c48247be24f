import { describe, expect, it } from 'vitest';
import { cleanPasses, type Classifier, type Sample } from '@saliency-bench/core';
import { blendWithBaseline, distortionProbs } from '../src/common/distortion-probs.js';

/** One-class model whose logit is the mean of its input row: probabilities are computable by hand. */
function meanModel(): Classifier & { calls: number } {
  const model = {
    calls: 0,
    info: { name: 'mean', classes: ['only'], inputShape: [1, 1, 2] as const, activation: 'sigmoid' as const, mean: [0], std: [1] },
    async forward(x: Float32Array, n: number) {
      model.calls++;
      const size = x.length / n;
      return Float32Array.from({ length: n }, (_, r) => x.subarray(r * size, (r + 1) * size).reduce((a, b) => a + b, 0) / size);
    },
    async vjp(): Promise<never> {
      throw new Error('unused');
    },
    async dispose() {},
  };
  return model;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('distortionProbs', () => {
  it('blends the image and the baseline per pixel and channel', () => {
    const x = Float32Array.from([1, 2, 3, 4]); // 2 channels x 2 pixels
    const b = Float32Array.from([0, 0, 10, 10]);
    expect(Array.from(blendWithBaseline(x, b, [1, 0.25]))).toEqual([1, 0.5, 3, 8.5]);
  });

  it('scores the perturbed and preserved inputs of every job in one forward call, and takes the clean ones from the clean passes', async () => {
    const model = meanModel();
    const sample = (id: string, image: number[]): Sample => ({ id, image: Float32Array.from(image), width: 2, height: 1, labels: [0], objects: [] });
    // The runner's clean passes, made by another instance so that `calls` counts distortionProbs alone.
    const clean = await cleanPasses([sample('a', [2, 4]), sample('b', [-1, -1])], { ...meanModel(), info: model.info });
    const probs = await distortionProbs(model, clean, [
      { perturbed: Float32Array.from([0, 4]), preserved: Float32Array.from([2, 0]) },
      { perturbed: Float32Array.from([1, 1]), preserved: Float32Array.from([0, 0]) },
    ]);
    expect(model.calls).toBe(1);
    expect(probs[0].clean[0]).toBeCloseTo(sigmoid(3), 6);
    expect(probs[0].perturbed![0]).toBeCloseTo(sigmoid(2), 6);
    expect(probs[0].preserved![0]).toBeCloseTo(sigmoid(1), 6);
    expect(probs[1].clean[0]).toBeCloseTo(sigmoid(-1), 6);
    expect(probs[1].perturbed![0]).toBeCloseTo(sigmoid(1), 6);
    expect(probs[1].preserved![0]).toBeCloseTo(0.5, 6);
  });
});
