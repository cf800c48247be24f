/**
 * Builders for the MetricRecord union, so every metric (and the runner, for a job without a map or
 * a metric that threw) fills key, sampleId and classIndex alike.
 */
import type { Job, MetricRecord } from '../types.js';

export function doneRecord(job: Job, value: number, extra?: Record<string, unknown>): MetricRecord {
  const base = { state: 'done' as const, key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value };
  return extra ? { ...base, extra } : base;
}

export function skippedRecord(job: Job, reason: string): MetricRecord {
  return { state: 'skipped', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, reason };
}

export function failedRecord(job: Job, reason: string): MetricRecord {
  return { state: 'failed', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, reason };
}
