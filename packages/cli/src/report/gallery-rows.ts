/**
 * Which jobs the gallery shows. A fixed number, so the report stays the same size for 16 jobs or
 * 100,000:
 *  - `spread` rows dealt round-robin over the classes (the first job of each class in key order,
 *    then the second of each, ...), so every class is seen;
 *  - `disagreement` rows: the jobs where the methods disagree most. A job's disagreement is the
 *    mean, over the metrics that at least two methods scored on it, of the spread of the methods'
 *    values (max - min), each metric scaled by its spread over all jobs of the pair. A pointing
 *    game that some methods hit and others miss scores 1 for that metric.
 */
import { doneValue, type JobInfo } from './job-table.js';
import type { PairRecords } from './run-contents.js';

export interface GalleryRow {
  job: JobInfo;
  reason: 'spread' | 'disagreement';
  disagreement: number;
}

export interface GalleryChoice {
  spread: number;
  disagreement: number;
}

export const DEFAULT_GALLERY: GalleryChoice = { spread: 12, disagreement: 6 };

export function chooseGalleryRows(jobs: JobInfo[], records: PairRecords, choice: GalleryChoice = DEFAULT_GALLERY): GalleryRow[] {
  const scores = disagreementScores(jobs, records);
  const rows: GalleryRow[] = [];
  const taken = new Set<string>();
  const byClass = new Map<number, JobInfo[]>();
  for (const job of jobs) byClass.set(job.classIndex, [...(byClass.get(job.classIndex) ?? []), job]);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  for (let round = 0; rows.length < choice.spread; round++) {
    const before = rows.length;
    for (const classIndex of classes) {
      const job = byClass.get(classIndex)![round];
      if (job && rows.length < choice.spread) {
        rows.push({ job, reason: 'spread', disagreement: scores.get(job.key) ?? 0 });
        taken.add(job.key);
      }
    }
    if (rows.length === before) break;
  }
  const disputed = jobs
    .filter((job) => !taken.has(job.key) && (scores.get(job.key) ?? 0) > 0)
    .sort((a, b) => scores.get(b.key)! - scores.get(a.key)! || (a.key < b.key ? -1 : 1))
    .slice(0, choice.disagreement);
  for (const job of disputed) rows.push({ job, reason: 'disagreement', disagreement: scores.get(job.key)! });
  return rows;
}

function disagreementScores(jobs: JobInfo[], records: PairRecords): Map<string, number> {
  const methods = [...records.keys()];
  const metrics = [...new Set(methods.flatMap((method) => [...records.get(method)!.keys()]))];
  const sums = new Map<string, { total: number; count: number }>();
  for (const metric of metrics) {
    const valuesOf = (key: string) =>
      methods.map((method) => doneValue(records.get(method)!.get(metric)?.get(key))).filter((v): v is number => v !== undefined);
    let low = Infinity;
    let high = -Infinity;
    for (const method of methods) {
      for (const record of records.get(method)!.get(metric)?.values() ?? []) {
        if (record.state !== 'done') continue;
        low = Math.min(low, record.value);
        high = Math.max(high, record.value);
      }
    }
    if (!(high > low)) continue;
    for (const job of jobs) {
      const values = valuesOf(job.key);
      if (values.length < 2) continue;
      const spread = (Math.max(...values) - Math.min(...values)) / (high - low);
      const sum = sums.get(job.key) ?? { total: 0, count: 0 };
      sums.set(job.key, { total: sum.total + spread, count: sum.count + 1 });
    }
  }
  return new Map([...sums].map(([key, { total, count }]) => [key, total / count]));
}
