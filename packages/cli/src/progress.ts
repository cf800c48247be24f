/**
 * Run progress: a bar with rate, ETA and the current step on a TTY; on a non-TTY, plain lines, at
 * least one every 10 s while the run works (naming the current step: loading a model, a method on
 * a chunk), so that a long run never looks hung. Nothing when quiet.
 */
import cliProgress from 'cli-progress';
import type { RunEvent } from '@saliency-bench/core';

export interface ProgressReporter {
  onEvent(event: RunEvent): void;
  stop(): void;
}

/** How often a non-TTY run prints a line, at most and at least (the README promises 10 s). */
export const LINE_INTERVAL_MS = 10_000;

export function createProgress(mode: { quiet: boolean; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = mode.stream ?? process.stderr;
  if (mode.quiet) return { onEvent: () => {}, stop: () => {} };
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'samples {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | maps computed {computed}, reused {reused} | {step}', hideCursor: true, barsize: 20 },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  const width = () => Math.max(20, (stream.columns ?? 100) - 82);
  return {
    onEvent(event) {
      if (event.type === 'start') {
        bar.start(event.total, 0, { rate: '0.0', computed: 0, reused: 0, step: '' });
        running = true;
      }
      if (event.type === 'activity') {
        // Before the bar exists (plugins starting), each step gets its own line.
        if (running) bar.update({ step: event.text.slice(0, width()) });
        else stream.write(`${event.text}...\n`);
      }
      if (event.type === 'progress') {
        const rate = (event.done / Math.max((Date.now() - started) / 1000, 1e-3)).toFixed(1);
        bar.update(event.done, { rate, computed: event.mapsComputed, reused: event.mapsReused });
      }
      if (event.type === 'message') stream.write(`\n${event.text}\n`);
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(stream: NodeJS.WriteStream): ProgressReporter {
  const started = Date.now();
  let lastLine = Date.now();
  let step = 'starting';
  let latest: Extract<RunEvent, { type: 'progress' }> | undefined;
  let total = 0;
  const write = (text: string) => {
    stream.write(`${text}\n`);
    lastLine = Date.now();
  };
  const progressLine = () => {
    const seconds = (Date.now() - started) / 1000;
    const done = latest?.done ?? 0;
    const rate = done / Math.max(seconds, 1e-3);
    const eta = rate > 0 ? `${Math.round((total - done) / rate)}s` : 'unknown';
    const maps = latest ? `, maps computed ${latest.mapsComputed}, reused ${latest.mapsReused}` : '';
    return `progress: ${done}/${total} samples, ${rate.toFixed(2)}/s, ETA ${eta}${maps}`;
  };
  // A line at least every interval, even while one model call or one chunk takes minutes.
  const timer = setInterval(() => {
    if (Date.now() - lastLine >= LINE_INTERVAL_MS) write(`${progressLine()} | now: ${step} (${Math.round((Date.now() - started) / 1000)}s elapsed)`);
  }, 1000);
  timer.unref();
  return {
    onEvent(event) {
      if (event.type === 'start') {
        total = event.total;
        write(`run: ${event.total} samples -> ${event.outDir}`);
      }
      if (event.type === 'message') write(event.text);
      if (event.type === 'activity') step = event.text;
      if (event.type !== 'progress') return;
      latest = event;
      if (Date.now() - lastLine < LINE_INTERVAL_MS && event.done < event.total) return;
      write(progressLine());
    },
    stop: () => clearInterval(timer),
  };
}
