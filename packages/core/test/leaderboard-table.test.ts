import { describe, expect, it } from 'vitest';
import { leaderboardTable, type LeaderboardRow } from '../src/results/leaderboard.js';

const base = { dataset: 'd', model: 'm', higherIsBetter: true, std: NaN, ciLow: NaN, ciHigh: NaN, failed: 0 };

describe('the leaderboard table', () => {
  it('explains rows without a value: skipped with their commonest reason, all failed, or none yet', () => {
    const rows: LeaderboardRow[] = [
      { ...base, method: 'rp', metric: 'class-distortion', n: 4, mean: 0.5, std: 0.1, ciLow: 0.4, ciHigh: 0.6, skipped: 0 },
      { ...base, method: 'gradient', metric: 'class-distortion', n: 0, mean: NaN, skipped: 4, skipReason: 'method returns no probabilities' },
      { ...base, method: 'rise', metric: 'class-distortion', n: 0, mean: NaN, skipped: 4, skipReason: 'method returns no probabilities' },
      { ...base, method: 'center', metric: 'insertion', n: 0, mean: NaN, skipped: 0, failed: 2 },
      { ...base, method: 'center', metric: 'deletion', n: 0, mean: NaN, skipped: 0 },
    ];
    const notes = leaderboardTable(rows).split('rows marked "-" have no value:\n')[1];
    expect(notes.split('\n')).toEqual([
      '  gradient × class-distortion, rise × class-distortion: skipped: method returns no probabilities',
      '  center × insertion: every job failed; reasons are in the records',
      '  center × deletion: no results yet',
    ]);
  });

  it('starts with a banner listing why a partial leaderboard is partial, and has none otherwise', () => {
    const rows: LeaderboardRow[] = [{ ...base, method: 'rp', metric: 'pg', n: 1, mean: 1, std: 0, ciLow: 1, ciHigh: 1, skipped: 0 }];
    const partial = leaderboardTable(rows, { partial: true, reasons: ['shard 2/2 missing: run it with --shard and merge'] });
    expect(partial.split('\n').slice(0, 2)).toEqual(['PARTIAL leaderboard (not every sample has results):', '  - shard 2/2 missing: run it with --shard and merge']);
    expect(leaderboardTable(rows, { partial: false, reasons: [] })).toMatch(/^dataset/);
  });
});
