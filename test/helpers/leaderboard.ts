import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** The cost columns that are measurements of one machine at one moment (wall time, memory). */
const measured = /_(seconds_per_map|peak_rss_mb)$/;

/**
 * leaderboard.csv without its measured cost columns. Every other column (results, counts,
 * `partial`, model-call counts) is reproducible byte for byte across resume, shards and batch
 * sizes; wall seconds and peak memory cannot be.
 */
export async function reproducibleLeaderboard(file: string): Promise<string> {
  const rows = parse(await readFile(file, 'utf8')) as string[][];
  const keep = rows[0].map((name, i) => (measured.test(name) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((row) => keep.map((i) => row[i]).join(',')).join('\n') + '\n';
}

/** The `partial` column of every row of leaderboard.csv. */
export async function partialColumn(file: string): Promise<string[]> {
  const rows = parse(await readFile(file, 'utf8'), { columns: true }) as { partial: string }[];
  return rows.map((row) => row.partial);
}
