/** Adam with PyTorch's defaults and update rule (bias-corrected, eps added to sqrt(v_hat)). */
import type { FloatArray } from './floats.js';

export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    size: number,
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** One descent step on `params` (in place) along `grad`. */
  step(params: FloatArray, grad: ArrayLike<number>): void {
    this.t += 1;
    const { m, v, beta1, beta2, epsilon } = this;
    const stepSize = this.learningRate / (1 - beta1 ** this.t);
    const correction2 = Math.sqrt(1 - beta2 ** this.t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / correction2 + epsilon);
    }
  }
}
