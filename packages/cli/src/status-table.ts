/** The per-shard table that `saliency-bench status` prints. */
import { age, completenessReasons, type ShardCensus, type ShardEntry } from '@saliency-bench/core';

export function statusTable(census: ShardCensus, now = Date.now()): string {
  if (census.count === null) return 'no shard has started yet (no manifest in the run directory)';
  const header = ['shard', 'state', 'samples', 'maps', 'failed maps', 'failed records', 'task', 'host', 'attempts', 'last update'];
  const body = census.shards.map((shard) => row(shard, now));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const finished = census.shards.filter((s) => s.state === 'done').length;
  const summary = census.complete
    ? `all ${census.count} shard${census.count > 1 ? 's' : ''} finished`
    : [`${finished} of ${census.count} shards finished`, ...completenessReasons(census).map((reason) => `  - ${reason}`)].join('\n');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '', summary].join('\n');
}

function row(shard: ShardEntry, now: number): string[] {
  const name = `${shard.index}/${shard.count}`;
  const m = shard.manifest;
  if (!m) return [name, shard.state, '-', '-', '-', '-', '-', '-', '-', '-'];
  const p = m.progress;
  // Until a chunk's targets are chosen there is nothing to estimate from.
  const expected = !p || (p.samplesDone === 0 && p.samplesTotal > 0) ? '?' : `${p.mapsExpectedIsEstimate ? '~' : ''}${p.mapsExpected}`;
  const maps = p ? `${p.mapsDone}/${expected}` : '?';
  const updated = m.updatedAt ?? m.startedAt;
  return [
    name,
    m.status,
    p ? `${p.samplesDone}/${p.samplesTotal}` : '?',
    maps,
    String(m.counts?.mapsFailed ?? '?'),
    String(m.counts?.recordsFailed ?? '?'),
    m.task ? `${m.task.scheduler} ${m.task.jobId}` : '-',
    m.task?.host ?? m.attempts?.at(-1)?.host ?? '-',
    String(m.attempts?.length ?? 1),
    `${updated} (${age(updated, now)} ago)`,
  ];
}
