import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { evaluateLossHead, type LossHead } from '../src/model/loss-head.js';

const n = 3;
const K = 5;

function randomHead(seed: string): LossHead {
  const random = createRandom('loss-head-test', seed);
  const normal = (length: number) => random.fillNormal(new Float64Array(length));
  const candidates = new Float64Array(n * K).map(() => (random.uniform() < 0.6 ? 1 : 0));
  candidates.fill(0, 2 * K, 3 * K); // the last row has no candidate: no max term
  return {
    logit: normal(n * K),
    probability: normal(n * K),
    divergence: normal(n * K),
    reference: new Float64Array(n * K).map(() => random.uniform()),
    maxLogit: normal(n),
    maxProbability: normal(n),
    candidates,
  };
}

const total = (parts: Float64Array) => parts.reduce((a, b) => a + b, 0);

describe('the loss head evaluated in JavaScript', () => {
  for (const activation of ['sigmoid', 'softmax'] as const) {
    it(`gives dL/dlogits equal to float64 central differences of its parts (${activation})`, () => {
      const head = randomHead(activation);
      const logits = createRandom('loss-head-logits', activation).fillNormal(new Float64Array(n * K), 0, 2);
      const { gLogits } = evaluateLossHead(head, logits, n, K, activation);
      const h = 1e-6;
      for (let i = 0; i < n * K; i++) {
        const plus = logits.slice();
        const minus = logits.slice();
        plus[i] += h;
        minus[i] -= h;
        const numeric = (total(evaluateLossHead(head, plus, n, K, activation).parts) - total(evaluateLossHead(head, minus, n, K, activation).parts)) / (2 * h);
        expect(Math.abs(gLogits[i] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    });
  }

  it('matches hand-computed parts for one sigmoid row', () => {
    // z = [0, ln 3]: p = [1/2, 3/4]; candidates both, so b = class 1 (largest logit).
    const logits = [0, Math.log(3)];
    const head: LossHead = {
      logit: Float64Array.of(2, 0),
      probability: Float64Array.of(0, 4),
      divergence: Float64Array.of(1, 0),
      reference: Float64Array.of(0.25, 0),
      maxLogit: Float64Array.of(3),
      maxProbability: Float64Array.of(-1),
      candidates: Float64Array.of(1, 1),
    };
    const { parts, gLogits } = evaluateLossHead(head, logits, 1, 2, 'sigmoid');
    expect(Array.from(parts)).toEqual([0, 3, Math.log2(1.25), 3 * Math.log(3), -0.75].map((v) => expect.closeTo(v, 12)));
    // dL/dz0 = 2 + (1 / (1.25 ln 2)) * p0 (1 - p0); dL/dz1 = 3 + (4 - 1) * p1 (1 - p1)
    expect(gLogits[0]).toBeCloseTo(2 + 0.25 / (1.25 * Math.LN2), 12);
    expect(gLogits[1]).toBeCloseTo(3 + 3 * 0.75 * 0.25, 12);
  });

  it('is the plain vector-Jacobian product when only the logit weights are given', () => {
    const g = Float64Array.of(0.5, -2, 7);
    const { gLogits, parts } = evaluateLossHead({ logit: g }, [1, 2, 3], 1, 3, 'softmax');
    expect(Array.from(gLogits)).toEqual([0.5, -2, 7]);
    expect(parts[0]).toBeCloseTo(0.5 - 4 + 21, 12);
  });
});
