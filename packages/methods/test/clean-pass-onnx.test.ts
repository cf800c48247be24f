/**
 * Methods and metrics read the runner's clean pass (Job.clean: model input, logits,
 * probabilities) instead of recomputing it, on a real onnxruntime-node session: given the pass
 * they return the same bits as when they compute it themselves, with fewer model calls, and what
 * they report comes from the pass they were given.
 */
import { cleanPasses, countingClassifier, emptyCounts, probabilities, type Attribution, type CleanPass, type Classifier, type DoneRecord, type Job, type MethodPlugin } from '@saliency-bench/core';
import { deletionPlugin, insertionPlugin } from '@saliency-bench/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { makeContext, squareSample } from './helpers/fixtures.js';
import { loadOnnxCnn } from './helpers/onnx-cnn.js';

const CLASSES = 3;
let model: Classifier;
beforeAll(async () => {
  model = await loadOnnxCnn({ size: 16, classes: CLASSES, seed: 'clean-pass' });
});

/** Two jobs on sample a (classes 0 and 2), one on b: two distinct samples, at sizes other than the model's. */
function jobs(): Job[] {
  const [a, b] = [squareSample('a', 20, 3, 4, 7), squareSample('b', 24, 9, 2, 8)];
  return [
    { sample: a, classIndex: 0, key: 'a__0' },
    { sample: a, classIndex: 2, key: 'a__2' },
    { sample: b, classIndex: 0, key: 'b__0' },
  ];
}

/** The runner's part: one pass per sample, attached to each job of the sample. */
async function withCleanPasses(list: Job[], passesOf = (p: CleanPass) => p): Promise<Job[]> {
  const samples = [...new Set(list.map((job) => job.sample))];
  const passes = (await cleanPasses(samples, model)).map(passesOf);
  return list.map((job) => ({ ...job, clean: passes[samples.indexOf(job.sample)] }));
}

async function explain(name: BuiltinMethodName, options: Record<string, unknown>, list: Job[]): Promise<{ attributions: Attribution[]; forward: number }> {
  const plugin = (await builtinMethods[name]()) as MethodPlugin<Record<string, unknown>>;
  const method = await plugin.create(options, { baseDir: '/', seed: 1 });
  const counts = emptyCounts();
  const attributions = await method.explain(list, makeContext(countingClassifier(model, counts), { batchSize: 8 }));
  return { attributions, forward: counts.forward };
}

const plain = (attributions: Attribution[]) =>
  attributions.map((a) => ({ map: Array.from(a.map), probs: a.probs && Object.fromEntries(Object.entries(a.probs).map(([k, v]) => [k, Array.from(v as Float32Array)])) }));

/** Settings, and the model images each method saves when the passes come with the jobs (2 = the two samples' clean forward). */
const cases: { name: BuiltinMethodName; label: string; options: Record<string, unknown>; saved: number }[] = [
  { name: 'rp', label: 'rp (paper)', options: { iterations: 2, imageSize: 8 }, saved: 2 },
  { name: 'rp', label: 'rp (official: its own PIL-resized input, so its own clean pass)', options: { preset: 'official', iterations: 2, imageSize: 8 }, saved: 0 },
  { name: 'mp', label: 'mp (official, circle init)', options: { preset: 'official', iterations: 2, maskScale: 4 }, saved: 2 },
  { name: 'mp', label: 'mp (pytorch-port)', options: { preset: 'pytorch-port', iterations: 2, maskScale: 4 }, saved: 2 },
  { name: 'ep', label: 'ep', options: { iterations: 2, step: 4, sigma: 6 }, saved: 2 },
  { name: 'gradient', label: 'gradient', options: {}, saved: 0 },
  { name: 'gradcam', label: 'gradcam', options: { layer: 'features' }, saved: 0 },
  { name: 'rise', label: 'rise', options: { masks: 32, batch: 16 }, saved: 0 },
];

describe('methods given the clean pass', () => {
  for (const { name, label, options, saved } of cases) {
    it(`${label}: the same maps and probabilities as computing it, with ${saved} fewer model images`, async () => {
      const alone = await explain(name, options, jobs());
      const given = await explain(name, options, await withCleanPasses(jobs()));
      expect(plain(given.attributions)).toEqual(plain(alone.attributions));
      expect(alone.forward - given.forward).toBe(saved);
    });
  }

  for (const [name, options] of [['rp', { iterations: 2, imageSize: 8 }], ['mp', { preset: 'pytorch-port', iterations: 2, maskScale: 4 }], ['ep', { iterations: 2, step: 4, sigma: 6 }]] as const) {
    it(`${name} reports the clean probabilities of the pass it was given`, async () => {
      // A pass whose logits are shifted: the method cannot have computed these itself.
      const shifted = (pass: CleanPass): CleanPass => {
        const logits = pass.logits.map((v, k) => v + k - 1);
        return { ...pass, logits, probabilities: probabilities(logits, 1, model.info.activation) };
      };
      const list = await withCleanPasses(jobs(), shifted);
      const { attributions } = await explain(name, options, list);
      attributions.forEach((a, j) => {
        for (let k = 0; k < CLASSES; k++) expect(a.probs!.clean[k]).toBeCloseTo(list[j].clean!.probabilities[k], 7);
      });
      const fresh = await explain(name, options, jobs());
      expect(Array.from(attributions[0].probs!.clean)).not.toEqual(Array.from(fresh.attributions[0].probs!.clean));
    });
  }
});

describe('insertion and deletion given the clean pass', () => {
  for (const plugin of [insertionPlugin, deletionPlugin]) {
    it(`${plugin.name}: the same score, one model image fewer per record, the clean end of the curve from the pass`, async () => {
      const metric = await plugin.create({ step: 64, batchSize: 2, classOf: 'target', recordCurve: true }, { baseDir: '/', seed: 1 });
      const [job] = jobs();
      const attribution = { map: Float32Array.from({ length: 256 }, (_, i) => (i * 37) % 256), height: 16, width: 16 };
      const score = async (j: Job) => {
        const counts = emptyCounts();
        const record = await metric.evaluate(j, attribution, { model: countingClassifier(model, counts), random: () => { throw new Error('unused'); }, signal: new AbortController().signal });
        return { record, forward: counts.forward };
      };
      const alone = await score(job);
      const [given] = await withCleanPasses([job]);
      const withPass = await score(given);
      expect(withPass.record).toEqual(alone.record);
      // 256 pixels in steps of 64: 5 points, the clean one from the pass.
      expect([alone.forward, withPass.forward]).toEqual([5, 4]);
      const tampered = { ...given, clean: { ...given.clean!, probabilities: Float32Array.from([0.25, 0.5, 0.125]) } };
      const { record } = await score(tampered);
      expect(record.state).toBe('done');
      const curve = (record as DoneRecord).extra!.curve as number[];
      expect(plugin.name === 'deletion' ? curve[0] : curve[curve.length - 1]).toBe(0.25);
    });
  }
});
