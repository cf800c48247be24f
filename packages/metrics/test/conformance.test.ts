import { describe, expect, it } from 'vitest';
import { createRandom, type MetricPlugin } from '@saliency-bench/core';
import { pluginShapeProblems } from '@saliency-bench/core/testing';
import { builtinMetrics } from '../src/builtins.js';
import { checkBrokenMaps, checkMetricConformance, type ConformanceCase } from './conformance.js';
import { box, LinearClassifier, linearInfo, makeJob, makeSample, metricContext } from './fixtures.js';

// Small but realistic inputs: 3-channel 24x32 images, maps at 12x12, a 3-class linear model at 12x12.
const random = createRandom('metrics-conformance');
const fill = (array: Float32Array) => array.map(() => random.uniform());
const samples = [
  makeSample('a', 24, 32, [box(0, [2, 3, 12, 15]), box(1, [20, 4, 30, 20])]),
  makeSample('b', 24, 32, [box(2, [0, 0, 31, 23], true)]),
];
for (const sample of samples) fill(sample.image);
const probs = { clean: Float32Array.from([0.9, 0.2, 0.1]), perturbed: Float32Array.from([0.3, 0.25, 0.1]) };
const cases: ConformanceCase[] = [
  { job: makeJob(samples[0], 0), attribution: { map: fill(new Float32Array(144)), height: 12, width: 12, probs } },
  { job: makeJob(samples[0], 1), attribution: { map: fill(new Float32Array(144)), height: 12, width: 12 } },
  { job: makeJob(samples[1], 2), attribution: { map: new Float32Array(144).fill(1), height: 12, width: 12, probs } },
];
const weights = [0, 1, 2].map(() => fill(new Float32Array(3 * 12 * 12)).map((w) => (w - 0.5) / 50));
const model = () => new LinearClassifier(linearInfo([3, 12, 12], 3, 'softmax'), weights);

describe.each(Object.entries(builtinMetrics))('metric %s', (name, load) => {
  it('is a well-formed plugin with a described, closed options schema', async () => {
    // Every metric option has a default: a metric runs with no options at all.
    expect(pluginShapeProblems((await load()) as MetricPlugin<any>, { kind: 'metric', name, everyOptionDefaulted: true })).toEqual([]);
  });

  it('returns well-formed, finite, deterministic records', async () => {
    const plugin = (await load()) as MetricPlugin<any>;
    const records = await checkMetricConformance(plugin, cases, () => metricContext(plugin.needsModel ? model() : undefined));
    expect(records.some((record) => record.state === 'done')).toBe(true);
  });

  it('answers a NaN or wrongly sized map with a failed record (class distortion reads no map)', async () => {
    const plugin = (await load()) as MetricPlugin<any>;
    const records = await checkBrokenMaps(plugin, cases[0].job, () => metricContext(plugin.needsModel ? model() : undefined));
    const expected = name === 'class-distortion' ? 'skipped' : 'failed'; // these maps carry no probabilities
    expect(records.map((record) => record.state)).toEqual([expected, expected]);
  });
});
