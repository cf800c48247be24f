import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../src/progress.js';

function fakeStream(isTTY: boolean) {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  (stream as PassThrough).on('data', (chunk) => (text += chunk));
  Object.assign(stream, { isTTY, columns: 120 });
  return { stream, text: () => text };
}

describe('createProgress', () => {
  it('writes plain lines with rate and ETA when the stream is not a terminal', () => {
    const { stream, text } = fakeStream(false);
    const progress = createProgress({ quiet: false, stream });
    progress.onEvent({ type: 'start', total: 10, outDir: '/runs/x' });
    progress.onEvent({ type: 'progress', done: 10, total: 10, mapsComputed: 7, mapsReused: 3 });
    progress.stop();
    expect(text()).toMatch(/^run: 10 samples -> \/runs\/x\n/);
    expect(text()).toMatch(/progress: 10\/10 samples, [\d.]+\/s, ETA 0s, maps computed 7, reused 3\n/);
  });

  it('draws a bar with rate and ETA on a terminal', () => {
    const { stream, text } = fakeStream(true);
    const progress = createProgress({ quiet: false, stream });
    progress.onEvent({ type: 'start', total: 4, outDir: '/runs/x' });
    progress.onEvent({ type: 'progress', done: 2, total: 4, mapsComputed: 2, mapsReused: 0 });
    progress.stop();
    expect(text()).toMatch(/samples .* 2\/4 \| [\d.]+\/s \| ETA/);
  });

  it('prints nothing when quiet', () => {
    const { stream, text } = fakeStream(false);
    const progress = createProgress({ quiet: true, stream });
    progress.onEvent({ type: 'start', total: 1, outDir: '/runs/x' });
    progress.onEvent({ type: 'message', text: 'hello' });
    expect(text()).toBe('');
  });
});

describe('progress on a non-terminal during long steps', () => {
  it('prints a line naming the current step at least every 10 s, even with no finished sample', async () => {
    vi.useFakeTimers();
    try {
      const { stream, text } = fakeStream(false);
      const progress = createProgress({ quiet: false, stream });
      progress.onEvent({ type: 'start', total: 8, outDir: '/runs/x' });
      progress.onEvent({ type: 'activity', text: 'loading model builtin (builtin) for dataset synthetic' });
      await vi.advanceTimersByTimeAsync(9_000);
      expect(text()).not.toMatch(/now:/);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(text()).toMatch(/progress: 0\/8 samples, 0\.00\/s, ETA unknown \| now: loading model builtin \(builtin\) for dataset synthetic \(10s elapsed\)\n$/);
      progress.onEvent({ type: 'activity', text: 'samples 1-4 of 8: method rp (1/2), 4 jobs: computing maps 1-4 of 4' });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(text()).toMatch(/now: samples 1-4 of 8: method rp \(1\/2\), 4 jobs: computing maps 1-4 of 4 \(20s elapsed\)\n$/);
      expect(text().split('\n').filter((line) => line.includes('now:'))).toHaveLength(2);
      progress.stop();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(text().split('\n').filter((line) => line.includes('now:'))).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the current step in the bar on a terminal', () => {
    const { stream, text } = fakeStream(true);
    const progress = createProgress({ quiet: false, stream });
    progress.onEvent({ type: 'activity', text: 'starting method rp' });
    progress.onEvent({ type: 'start', total: 4, outDir: '/runs/x' });
    progress.onEvent({ type: 'activity', text: 'samples 1-2 of 4: method rp (1/1)' });
    progress.onEvent({ type: 'progress', done: 2, total: 4, mapsComputed: 2, mapsReused: 0 });
    progress.stop();
    expect(text()).toMatch(/^starting method rp\.\.\.\n/);
    expect(text()).toMatch(/samples 1-2 of 4: method rp \(1\/1\)/);
  });
});
