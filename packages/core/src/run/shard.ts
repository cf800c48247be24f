/** "--shard i/n": which slice of the samples this process runs (i in 1..n). */
import type { Shard } from './run-store.js';

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(`invalid --shard "${text}": expected i/n with 1 <= i <= n, e.g. 2/4, or auto (from a Slurm array or Kubernetes Indexed Job)`);
  }
  return { index, count };
}

/** Samples are dealt round-robin: sample k belongs to shard (k mod n) + 1. */
export function inShard(sampleIndex: number, shard?: Shard): boolean {
  return !shard || sampleIndex % shard.count === shard.index - 1;
}
