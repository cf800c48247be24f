/** The jobs of one (dataset, model) pair, gathered from every record of every method and metric. */
import type { DoneRecord, MetricRecord } from '@saliency-bench/core';
import type { PairRecords } from './run-contents.js';

export interface JobInfo {
  key: string;
  sampleId: string;
  classIndex: number;
}

export function pairJobs(records: PairRecords): JobInfo[] {
  const jobs = new Map<string, JobInfo>();
  for (const byMetric of records.values()) {
    for (const byKey of byMetric.values()) {
      for (const record of byKey.values()) {
        if (!jobs.has(record.key)) jobs.set(record.key, { key: record.key, sampleId: record.sampleId, classIndex: record.classIndex });
      }
    }
  }
  return [...jobs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function doneValue(record: MetricRecord | undefined): number | undefined {
  return record?.state === 'done' ? record.value : undefined;
}

export function isDone(record: MetricRecord): record is DoneRecord {
  return record.state === 'done';
}
