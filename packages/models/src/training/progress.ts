/**
 * Training progress on stderr: a redrawn bar with the running loss on a terminal, plain lines
 * (about ten per epoch) when stderr is a file or a pipe, nothing when silenced.
 */
export interface ProgressReporter {
  batch(epoch: number, epochs: number, batch: number, batches: number, loss: number): void;
  /** A whole line (epoch summary, notes); clears the bar first. */
  line(text: string): void;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr,
  enabled = true,
): ProgressReporter {
  if (!enabled) return { batch() {}, line() {} };
  const tty = stream.isTTY === true;
  let barShown = false;
  const started = new Map<number, number>();
  return {
    batch(epoch, epochs, batch, batches, loss) {
      if (!started.has(epoch)) started.set(epoch, Date.now());
      const elapsed = (Date.now() - (started.get(epoch) ?? Date.now())) / 1000;
      const eta = batch > 0 ? (elapsed / batch) * (batches - batch) : 0;
      const text = `epoch ${epoch}/${epochs} ${batch}/${batches} loss ${loss.toFixed(4)} eta ${eta.toFixed(0)}s`;
      if (tty) {
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
        const filled = Math.round((width * batch) / batches);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
        barShown = true;
      } else if (batch === batches || batch % Math.max(1, Math.ceil(batches / 10)) === 0) {
        stream.write(text + '\n');
      }
    },
    line(text) {
      if (tty && barShown) stream.write('\r\x1b[K');
      barShown = false;
      stream.write(text + '\n');
    },
  };
}
