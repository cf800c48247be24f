/**
 * The plugin guide's example perturbation method (docs/plugins.md, "Adding a perturbation
 * method"): the page shows these files as they are, the objective's gradient matches finite
 * differences, and the method passes the conformance suite every built-in passes.
 */
import { readFileSync } from 'node:fs';
import { createRandom } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { describeConformance } from './conformance.js';
import { deletionGamePlugin } from './example-method/deletion-game.js';
import { deletionGameObjective, type DeletionJob } from './example-method/deletion-game-objective.js';
import { centralDifference, interiorMask, probeIndices } from './helpers/finite-differences.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const guide = readFileSync(new URL('../../../docs/plugins.md', import.meta.url), 'utf8');

describe('the plugin guide example', () => {
  for (const file of ['deletion-game-objective.ts', 'deletion-game.ts']) {
    it(`shows ${file} as it is (imports written from src/dg/)`, () => {
      const source = readFileSync(new URL(`./example-method/${file}`, import.meta.url), 'utf8').replaceAll('../../src/', '../');
      expect(guide).toContain('`src/dg/' + file + '`:\n\n```ts\n' + source + '```');
    });
  }

  for (const activation of ['sigmoid', 'softmax'] as const) {
    it(`has an objective whose gradient matches float64 finite differences (${activation})`, async () => {
      const model = createToyClassifier({ size: 8, classes: 4, activation }).float64;
      const random = createRandom('deletion-game-test', activation);
      const image = () => Float32Array.from({ length: 3 * 64 }, () => random.normal());
      const jobs: DeletionJob[] = [0, 3].map((target) => ({ x: image(), baseline: image(), target }));
      const masks = [interiorMask(64, 1), interiorMask(64, 2)];
      const evaluations = await deletionGameObjective(model, jobs, masks, 0.3);
      for (const j of [0, 1]) {
        const lossOf = async (mask: Float64Array) => (await deletionGameObjective(model, jobs, masks.map((m, i) => (i === j ? mask : m)), 0.3))[j].loss;
        for (const index of probeIndices(64, 5)) expect(evaluations[j].gradient[index]).toBeCloseTo(await centralDifference(lossOf, masks[j], index), 6);
      }
    });
  }
});

describeConformance({ name: 'deletion-game (docs example)', plugin: async () => deletionGamePlugin, options: { iterations: 4 } });
