/**
 * Main-thread side of data-parallel training. The wasm backend runs on one core, so a batch is
 * split into row slices: the main thread computes the first while each worker thread computes one
 * of the others, and the gradients are averaged weighted by slice size (each slice's batch norm
 * uses its own statistics, as on several GPUs without synchronised batch norm).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerStep } from './gradient-worker.js';

export interface SliceResult {
  loss: number;
  gradients: Float32Array[];
}

/**
 * The compiled worker script. Tests run this module from its TypeScript source, where no .js
 * sibling exists; the package's build (which `test` depends on) then provides it under dist/.
 */
function workerScript(): string {
  const sibling = fileURLToPath(new URL('./gradient-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL('../../dist/training/gradient-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`training: the gradient worker script is missing (looked for ${sibling} and ${built}); build @saliency-bench/models first`);
}

class GradientWorker {
  private readonly worker: Worker;
  private pending?: { resolve(reply: WorkerReply): void; reject(error: Error): void };

  constructor() {
    this.worker = new Worker(workerScript());
    this.worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === 'error') pending?.reject(new Error(`training worker: ${reply.message}`));
      else pending?.resolve(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`training worker exited with code ${code}`)));
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  request(message: WorkerInit | WorkerStep, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export class GradientWorkers {
  private constructor(private readonly workers: GradientWorker[]) {}

  /** Starts `count` workers, each with a replica of the model (`topology`: its toJSON) on `backend`. */
  static async start(count: number, settings: Omit<WorkerInit, 'type'>): Promise<GradientWorkers> {
    const workers = Array.from({ length: count }, () => new GradientWorker());
    const pool = new GradientWorkers(workers);
    try {
      await Promise.all(workers.map((w) => w.request({ type: 'init', ...settings })));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get count(): number {
    return this.workers.length;
  }

  /** Sends slice i to worker i; resolves once every worker has replied. */
  gradients(weights: Float32Array[], slices: { images: Float32Array; labels: Float32Array; rows: number }[]): Promise<SliceResult[]> {
    return Promise.all(slices.map(async (slice, i) => {
      const reply = await this.workers[i].request({ type: 'step', weights, ...slice }, [slice.images.buffer as ArrayBuffer]);
      if (reply.type !== 'gradients') throw new Error(`training worker: unexpected reply ${reply.type}`);
      return { loss: reply.loss, gradients: reply.gradients };
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Row ranges [start, end) splitting `rows` into `parts` near-equal slices, larger ones first. */
export function sliceRows(rows: number, parts: number): [number, number][] {
  const base = Math.floor(rows / parts);
  const extra = rows % parts;
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < extra ? 1 : 0);
    ranges.push([start, start + size]);
    start += size;
  }
  return ranges.filter(([a, b]) => b > a);
}
