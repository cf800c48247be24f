import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
