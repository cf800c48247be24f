/** Run progress: a bar with rate and ETA on a TTY, plain periodic lines otherwise, nothing when quiet. */
import cliProgress from 'cli-progress';
import type { RunEvent } from '@saliency-bench/core';

export interface ProgressReporter {
  onEvent(event: RunEvent): void;
  stop(): void;
}

export function createProgress(mode: { quiet: boolean; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = mode.stream ?? process.stderr;
  if (mode.quiet) return { onEvent: () => {}, stop: () => {} };
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'samples {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | maps computed {computed}, reused {reused}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  return {
    onEvent(event) {
      if (event.type === 'start') bar.start(event.total, 0, { rate: '0.0', computed: 0, reused: 0 });
      if (event.type === 'progress') {
        const rate = (event.done / Math.max((Date.now() - started) / 1000, 1e-3)).toFixed(1);
        bar.update(event.done, { rate, computed: event.mapsComputed, reused: event.mapsReused });
      }
      if (event.type === 'message') stream.write(`\n${event.text}\n`);
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(stream: NodeJS.WriteStream, everyMs = 10_000): ProgressReporter {
  const started = Date.now();
  let last = 0;
  return {
    onEvent(event) {
      if (event.type === 'start') stream.write(`run: ${event.total} samples -> ${event.outDir}\n`);
      if (event.type === 'message') stream.write(`${event.text}\n`);
      if (event.type !== 'progress') return;
      const now = Date.now();
      if (now - last < everyMs && event.done < event.total) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = event.done / Math.max(seconds, 1e-3);
      const eta = rate > 0 ? Math.round((event.total - event.done) / rate) : 0;
      stream.write(`progress: ${event.done}/${event.total} samples, ${rate.toFixed(2)}/s, ETA ${eta}s, maps computed ${event.mapsComputed}, reused ${event.mapsReused}\n`);
    },
    stop: () => {},
  };
}
