/**
 * Loading runs ahead of the model: while the runner works on chunk i, chunks i+1 … i+ahead are
 * already being loaded (bounded, so memory stays at (1 + ahead) chunks of samples). Within a chunk
 * the samples load concurrently; image decoding (sharp) runs on libuv's thread pool, off the main
 * thread. A load never rejects: each sample's failure is returned with its index.
 */
import type { Dataset, Sample } from '../types.js';

export interface LoadedChunk {
  /** The dataset positions of this chunk, in order. */
  indices: number[];
  /** The samples that loaded, in order of their positions. */
  samples: Sample[];
  /** The positions that failed to load, with the error. */
  bad: { index: number; error: unknown }[];
}

export async function loadChunk(dataset: Dataset, indices: number[]): Promise<LoadedChunk> {
  const settled = await Promise.allSettled(indices.map((index) => dataset.load(index)));
  const samples: Sample[] = [];
  const bad: LoadedChunk['bad'] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') samples.push(outcome.value);
    else bad.push({ index: indices[i], error: outcome.reason });
  });
  return { indices, samples, bad };
}

/** Yields the loaded chunks in order, keeping up to `ahead` later chunks loading meanwhile (0: none). */
export async function* prefetchChunks(dataset: Dataset, chunks: number[][], ahead: number): AsyncGenerator<LoadedChunk> {
  const inFlight: Promise<LoadedChunk>[] = [];
  let next = 0;
  while (next < chunks.length || inFlight.length > 0) {
    while (next < chunks.length && inFlight.length < 1 + ahead) inFlight.push(loadChunk(dataset, chunks[next++]));
    yield await inFlight.shift()!;
  }
}
