/**
 * The runner's own cost meter: a Classifier wrapper that counts the images sent through the model
 * (forward passes) and through its backward graph (backward passes), and samples the process's
 * resident memory around every call. Methods and metrics cannot misreport it: they only see the wrapper.
 */
import type { Classifier } from '../types.js';

export interface CallCounts {
  /** Images through the model's forward pass (a batch of n counts n). */
  forward: number;
  /** Images through a backward pass (vjp, vjpWithHead and Grad-CAM's intermediate gradient). */
  backward: number;
  /** Highest resident set size seen, in bytes. */
  peakRss: number;
}

export const emptyCounts = (): CallCounts => ({ forward: 0, backward: 0, peakRss: process.memoryUsage.rss() });

export function sampleMemory(counts: CallCounts): void {
  counts.peakRss = Math.max(counts.peakRss, process.memoryUsage.rss());
}

export function countingClassifier(model: Classifier, counts: CallCounts): Classifier {
  const counted = async <T>(n: number, backward: boolean, call: () => Promise<T>): Promise<T> => {
    counts.forward += n;
    if (backward) counts.backward += n;
    sampleMemory(counts);
    try {
      return await call();
    } finally {
      sampleMemory(counts);
    }
  };
  const wrapper: Classifier = {
    info: model.info,
    forward: (x, n) => counted(n, false, () => model.forward(x, n)),
    vjp: (x, n, g) => counted(n, true, () => model.vjp(x, n, g)),
    // The runner owns the model's lifetime: a method or metric must not dispose it.
    dispose: async () => {},
  };
  if (model.intermediate) {
    const intermediate = model.intermediate.bind(model);
    wrapper.intermediate = (x, n, layer, g) => counted(n, true, () => intermediate(x, n, layer, g));
  }
  if (model.vjpWithHead) {
    const vjpWithHead = model.vjpWithHead.bind(model);
    wrapper.vjpWithHead = (x, n, head) => counted(n, true, () => vjpWithHead(x, n, head));
  }
  return wrapper;
}
