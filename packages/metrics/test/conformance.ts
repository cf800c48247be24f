/**
 * The conformance suite every metric must pass (beside core's well-formed plugin check): records of
 * the right shape that survive a JSONL round trip, finite values, and determinism.
 */
import { expect } from 'vitest';
import type { Attribution, DoneRecord, Job, MetricContext, MetricPlugin, MetricRecord } from '@saliency-bench/core';

export interface ConformanceCase {
  job: Job;
  attribution: Attribution;
}

function checkRecord(record: MetricRecord, job: Job): void {
  expect(record.key).toBe(job.key);
  expect(record.sampleId).toBe(job.sample.id);
  expect(record.classIndex).toBe(job.classIndex);
  if (record.state === 'done') {
    expect(Number.isFinite(record.value), `${job.key}: value ${record.value}`).toBe(true);
  } else {
    expect(['skipped', 'failed']).toContain(record.state);
    expect(record.reason).toMatch(/\S/);
  }
  // Records are stored as JSONL lines: nothing may be lost in the round trip.
  expect(JSON.parse(JSON.stringify(record))).toEqual(record);
}

/** Evaluate every case twice with fresh instances; returns the first pass's records. */
export async function checkMetricConformance(
  plugin: MetricPlugin<any>,
  cases: ConformanceCase[],
  ctx: () => MetricContext,
): Promise<MetricRecord[]> {
  const passes: MetricRecord[][] = [];
  for (let pass = 0; pass < 2; pass++) {
    const metric = await plugin.create(plugin.defaults, { baseDir: '.', seed: 1 });
    // The direction lives on the plugin only (issue 12 removed the instance's copy, which nothing read).
    expect(metric).not.toHaveProperty('higherIsBetter');
    const records: MetricRecord[] = [];
    for (const { job, attribution } of cases) {
      const record = await metric.evaluate(job, attribution, ctx());
      checkRecord(record, job);
      records.push(record);
    }
    await metric.dispose?.();
    passes.push(records);
  }
  expect(passes[1]).toEqual(passes[0]);
  const done = passes[0].filter((record): record is DoneRecord => record.state === 'done');
  if (plugin.statistic && done.length > 0) expect(Number.isFinite(plugin.statistic(done))).toBe(true);
  return passes[0];
}

/** Broken maps (NaN, wrong length) must give a well-formed record, never a throw or a NaN value. */
export async function checkBrokenMaps(plugin: MetricPlugin<any>, job: Job, ctx: () => MetricContext): Promise<MetricRecord[]> {
  const metric = await plugin.create(plugin.defaults, { baseDir: '.', seed: 1 });
  const nan = new Float32Array(144).fill(Number.NaN);
  const broken: Attribution[] = [
    { map: nan, height: 12, width: 12 },
    { map: new Float32Array(10), height: 12, width: 12 },
  ];
  const records: MetricRecord[] = [];
  for (const attribution of broken) {
    const record = await metric.evaluate(job, attribution, ctx());
    checkRecord(record, job);
    records.push(record);
  }
  return records;
}
