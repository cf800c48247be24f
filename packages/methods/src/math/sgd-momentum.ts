/**
 * SGD with momentum and dampening, PyTorch's rule: the first step's buffer is the gradient itself,
 * later ones buf = momentum * buf + (1 - dampening) * grad; params -= lr * buf.
 */
import type { FloatArray } from './floats.js';

export class SgdMomentum {
  private readonly buffer: Float64Array;
  private started = false;

  constructor(
    size: number,
    private readonly learningRate: number,
    private readonly momentum: number,
    private readonly dampening: number,
  ) {
    this.buffer = new Float64Array(size);
  }

  step(params: FloatArray, grad: ArrayLike<number>): void {
    const { buffer, momentum, learningRate } = this;
    const keep = 1 - this.dampening;
    for (let i = 0; i < params.length; i++) {
      buffer[i] = this.started ? momentum * buffer[i] + keep * grad[i] : grad[i];
      params[i] -= learningRate * buffer[i];
    }
    this.started = true;
  }
}
