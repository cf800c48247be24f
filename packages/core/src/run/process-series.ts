/**
 * One method over one chunk of jobs: reuse cached maps, compute the missing ones, then evaluate
 * every metric whose record is missing or failed, and append the new records.
 */
import { createRandom } from '../random.js';
import type { SpecEntry } from '../spec/resolved-spec.js';
import type { Attribution, AttributionMethod, AttributionOutput, Classifier, Job, Metric, MetricRecord } from '../types.js';
import { failedRecord, skippedRecord } from '../results/metric-records.js';
import { appendCost, methodPhase, metricPhase } from './cost-log.js';
import { countingClassifier, emptyCounts, sampleMemory } from './counting-classifier.js';
import { explainJobs } from './explain-jobs.js';
import type { RunCounts } from './run-events.js';
import { CorruptMapError, type RunStore, type SeriesKey, type Shard } from './run-store.js';

export interface LiveMetric {
  entry: SpecEntry;
  metric: Metric;
  /** The attribution outputs it reads besides the map (MetricPlugin.requires). */
  requires?: readonly AttributionOutput[];
  /** Set when the method does not declare an output the metric requires: every record is skipped with it. */
  skipReason?: string;
  /** Records already in the run directory for the current series, by job key. */
  existing: Map<string, MetricRecord>;
}

export interface SeriesContext {
  store: RunStore;
  series: SeriesKey;
  seed: number;
  shard?: Shard;
  model?: Classifier;
  signal: AbortSignal;
  batchSize: number;
  counts: RunCounts;
  /** Notes for the user (e.g. a damaged cached map being recomputed). */
  onMessage?: (text: string) => void;
  /** What is being computed right now, for progress output. */
  onActivity?: (text: string) => void;
  recordCurves?: boolean;
}

export async function processSeries(method: { entry: SpecEntry; method: AttributionMethod }, metrics: LiveMetric[], jobs: Job[], ctx: SeriesContext): Promise<void> {
  const { store, series, counts } = ctx;
  const needs = (job: Job, live: LiveMetric) => live.existing.get(job.key)?.state !== 'done' && live.existing.get(job.key)?.state !== 'skipped';
  const pending = jobs.filter((job) => metrics.some((live) => needs(job, live)));
  counts.recordsReused += (jobs.length - pending.length) * metrics.length;

  const attributions = new Map<string, Attribution>();
  const failures = new Map<string, string>();
  const toCompute: Job[] = [];
  for (const job of jobs) {
    if (!(await store.hasMap(series, job.key))) {
      toCompute.push(job);
    } else if (!pending.includes(job)) {
      counts.mapsReused++;
    } else {
      // A damaged map is recomputed: the map is a pure function of (spec, seed, job), so the new
      // one is what the lost one was, and no leaderboard ever uses damaged values.
      const cached = await store.readMap(series, job.key).catch((error: unknown) => {
        if (!(error instanceof CorruptMapError)) throw error;
        ctx.onMessage?.(`${error.message}; recomputing it`);
        return undefined;
      });
      if (cached) {
        counts.mapsReused++;
        attributions.set(job.key, cached);
      } else {
        toCompute.push(job);
      }
    }
  }
  const jobsPerExplainCall = ctx.batchSize;
  for (let start = 0; start < toCompute.length; start += jobsPerExplainCall) {
    if (ctx.signal.aborted) return;
    const batch = toCompute.slice(start, start + jobsPerExplainCall);
    ctx.onActivity?.(`computing maps ${start + 1}-${start + batch.length} of ${toCompute.length}`);
    const calls = emptyCounts();
    const startedAt = performance.now();
    const methodContext = {
      model: ctx.model && countingClassifier(ctx.model, calls),
      random: (job: Job) => createRandom(ctx.seed, job.key, method.entry.id),
      signal: ctx.signal,
      batchSize: ctx.batchSize,
    };
    const outcomes = await explainJobs(method.method, batch, methodContext);
    sampleMemory(calls);
    await appendCost(store, series, methodPhase, { items: batch.length, seconds: (performance.now() - startedAt) / 1000, ...calls }, ctx.shard);
    for (const [i, outcome] of outcomes.entries()) {
      const job = batch[i];
      if (outcome.ok) {
        await store.writeMap(series, job.key, outcome.attribution);
        attributions.set(job.key, outcome.attribution);
        counts.mapsComputed++;
      } else {
        failures.set(job.key, `method ${method.entry.id}: ${outcome.reason}`);
        counts.mapsFailed++;
      }
    }
  }

  for (const live of metrics) {
    if (pending.some((job) => needs(job, live))) ctx.onActivity?.(`metric ${live.entry.id}`);
    const records: MetricRecord[] = [];
    const calls = emptyCounts();
    let evaluated = 0;
    let seconds = 0;
    const model = ctx.model && countingClassifier(ctx.model, calls);
    for (const job of pending) {
      if (ctx.signal.aborted) break;
      if (!needs(job, live)) continue;
      const attribution = attributions.get(job.key);
      if (!attribution) {
        records.push(failedRecord(job, failures.get(job.key) ?? 'no map'));
        continue;
      }
      const startedAt = performance.now();
      const undelivered = live.requires?.find((output) => attribution[output] === undefined);
      if (live.skipReason) records.push(skippedRecord(job, live.skipReason));
      else if (undelivered) records.push(failedRecord(job, `method ${method.entry.id} declares the output "${undelivered}" but returned none`));
      else records.push(await evaluateSafely(live, job, attribution, { ...ctx, model }));
      seconds += (performance.now() - startedAt) / 1000;
      evaluated++;
    }
    sampleMemory(calls);
    await store.appendRecords(series, live.entry.id, records, ctx.shard);
    await appendCost(store, series, metricPhase(live.entry.id), { items: evaluated, seconds, ...calls }, ctx.shard);
    for (const record of records) live.existing.set(record.key, record);
    counts.recordsWritten += records.length;
    counts.recordsFailed += records.filter((record) => record.state === 'failed').length;
  }
}

async function evaluateSafely(live: LiveMetric, job: Job, attribution: Attribution, ctx: SeriesContext): Promise<MetricRecord> {
  const metricContext = {
    model: ctx.model,
    random: (j: Job) => createRandom(ctx.seed, j.key, ctx.series.method, live.entry.id),
    signal: ctx.signal,
    recordCurves: ctx.recordCurves,
  };
  try {
    const record = await live.metric.evaluate(job, attribution, metricContext);
    if (record.state === 'done' && !Number.isFinite(record.value)) {
      return failedRecord(job, `metric ${live.entry.id} gave ${record.value}`);
    }
    return record;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return failedRecord(job, `metric ${live.entry.id}: ${(error as Error).message}`);
  }
}
