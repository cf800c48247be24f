/**
 * A loss head: the mask optimisers' losses on a batch of logits, described as data so that an
 * engine can compile it into its backward pass and return the loss, the logits and the input
 * gradient from one call (Classifier.vjpWithHead). With z the logits [n, K], p = activation(z)
 * (the model's sigmoid or softmax), and b_r the first class of largest logit among row r's
 * candidates, row r's loss has five parts:
 *
 *   logit          sum_k logit[r,k] z[r,k]
 *   probability    sum_k probability[r,k] p[r,k]
 *   divergence     sum_k divergence[r,k] log2(|p[r,k] - reference[r,k]| + 1)
 *   maxLogit       maxLogit[r] z[r,b_r]             (0 when row r has no candidate)
 *   maxProbability maxProbability[r] p[r,b_r]
 *
 * That family covers RP's bounded divergences against the clean probabilities (weights per
 * class), MP's target probability and EP's simple or contrastive reward on logits or
 * probabilities. `logit` alone is the plain vector-Jacobian product. Missing arrays are zeros.
 */
export interface LossHead {
  /** [n, K] */
  logit?: HeadArray;
  /** [n, K] */
  probability?: HeadArray;
  /** [n, K] weights of the bounded divergences. */
  divergence?: HeadArray;
  /** [n, K] the probabilities each divergence is measured from. */
  reference?: HeadArray;
  /** [n] */
  maxLogit?: HeadArray;
  /** [n] */
  maxProbability?: HeadArray;
  /** [n, K]: 1 where the class takes part in the row's max, else 0. */
  candidates?: HeadArray;
}

/** Engines compute in float32; the JavaScript evaluation keeps float64 values exact. */
export type HeadArray = Float32Array | Float64Array;

export const LOSS_HEAD_PARTS = ['logit', 'probability', 'divergence', 'maxLogit', 'maxProbability'] as const;

/** What one engine call with a head returns. */
export interface HeadEvaluation {
  logits: Float32Array;
  /** dL/dinput, NCHW. */
  gInput: Float32Array;
  /** [n, 5]: each row's loss parts in LOSS_HEAD_PARTS order. */
  parts: Float32Array;
}

const PER_CLASS = ['logit', 'probability', 'divergence', 'reference', 'candidates'] as const;
const PER_ROW = ['maxLogit', 'maxProbability'] as const;

/** Throws, naming the field, when an array of the head does not fit n rows of K classes. */
export function checkLossHead(head: LossHead, n: number, classes: number, source: string): void {
  for (const key of PER_CLASS) {
    const values = head[key];
    if (values && values.length !== n * classes) throw new Error(`${source}: loss head field "${key}" has ${values.length} values; expected n x K = ${n * classes}`);
  }
  for (const key of PER_ROW) {
    const values = head[key];
    if (values && values.length !== n) throw new Error(`${source}: loss head field "${key}" has ${values.length} values; expected one per row (${n})`);
  }
}

/** Rows [start, start + count) of every array of the head (for engines that split batches). */
export function sliceLossHead(head: LossHead, start: number, count: number, classes: number): LossHead {
  const out: LossHead = {};
  for (const key of PER_CLASS) out[key] = head[key]?.subarray(start * classes, (start + count) * classes);
  for (const key of PER_ROW) out[key] = head[key]?.subarray(start, start + count);
  return out;
}

/** Row r's class b_r: the first candidate of largest logit, or -1 without candidates. */
export function maxCandidate(logits: ArrayLike<number>, head: LossHead, row: number, classes: number): number {
  let best = -1;
  for (let k = 0; k < classes; k++) {
    const i = row * classes + k;
    if ((head.candidates?.[i] ?? 0) > 0.5 && (best < 0 || logits[i] > logits[row * classes + best])) best = k;
  }
  return best;
}

/**
 * The head evaluated in float64 in JavaScript: each row's parts and dL/dlogits. The engines'
 * compiled heads are checked against it, and a model without one is driven by it (a forward
 * call, this, then a vjp call).
 */
export function evaluateLossHead(
  head: LossHead,
  logits: ArrayLike<number>,
  n: number,
  classes: number,
  activation: 'sigmoid' | 'softmax',
): { parts: Float64Array; gLogits: Float64Array } {
  const parts = new Float64Array(n * LOSS_HEAD_PARTS.length);
  const gLogits = new Float64Array(n * classes);
  const p = new Float64Array(classes);
  const gp = new Float64Array(classes);
  for (let r = 0; r < n; r++) {
    const offset = r * classes;
    rowProbabilities(logits, offset, classes, activation, p);
    const part = parts.subarray(r * LOSS_HEAD_PARTS.length, (r + 1) * LOSS_HEAD_PARTS.length);
    for (let k = 0; k < classes; k++) {
      const i = offset + k;
      const wz = head.logit?.[i] ?? 0;
      const wp = head.probability?.[i] ?? 0;
      const wd = head.divergence?.[i] ?? 0;
      const diff = p[k] - (head.reference?.[i] ?? 0);
      const abs = Math.abs(diff);
      part[0] += wz * logits[i];
      part[1] += wp * p[k];
      part[2] += wd * Math.log2(abs + 1);
      gLogits[i] = wz;
      // d/dp log2(|p - c| + 1) = sign(p - c) / ((|p - c| + 1) ln 2)
      gp[k] = wp + (wd * Math.sign(diff)) / ((abs + 1) * Math.LN2);
    }
    const best = maxCandidate(logits, head, r, classes);
    if (best >= 0) {
      const wz = head.maxLogit?.[r] ?? 0;
      const wp = head.maxProbability?.[r] ?? 0;
      part[3] = wz * logits[offset + best];
      part[4] = wp * p[best];
      gLogits[offset + best] += wz;
      gp[best] += wp;
    }
    // Chain rule through the activation: sigmoid p(1 - p); softmax p (g - <g, p>).
    let dot = 0;
    if (activation === 'softmax') for (let k = 0; k < classes; k++) dot += gp[k] * p[k];
    for (let k = 0; k < classes; k++) {
      gLogits[offset + k] += activation === 'sigmoid' ? gp[k] * p[k] * (1 - p[k]) : p[k] * (gp[k] - dot);
    }
  }
  return { parts, gLogits };
}

function rowProbabilities(logits: ArrayLike<number>, offset: number, classes: number, activation: 'sigmoid' | 'softmax', out: Float64Array): void {
  if (activation === 'sigmoid') {
    for (let k = 0; k < classes; k++) out[k] = 1 / (1 + Math.exp(-logits[offset + k]));
    return;
  }
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]);
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += out[k] = Math.exp(logits[offset + k] - max);
  for (let k = 0; k < classes; k++) out[k] /= sum;
}
