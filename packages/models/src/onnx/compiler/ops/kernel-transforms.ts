/**
 * Compile-time weight transforms for Conv gradients, on float32 kernels [M, C/g, k...]. Doing
 * them here (once, streamed to the derived-weights file) spares onnxruntime the constant folding
 * of Mul/Transpose/Slice chains, whose intermediate copies dominated the peak memory at load.
 */

/** W[m, ...] * scale[m]: a following BatchNormalization's factor folded into the kernel. */
export function scaleOutputChannels(kernel: Float32Array, dims: readonly number[], scale: Float32Array): Float32Array {
  const perChannel = kernel.length / dims[0];
  const out = new Float32Array(kernel.length);
  for (let m = 0; m < dims[0]; m++) {
    const factor = scale[m];
    for (let i = m * perChannel; i < (m + 1) * perChannel; i++) out[i] = kernel[i] * factor;
  }
  return out;
}

/**
 * W [M, C/g, k...] -> W' [C, M/g, k...] with W'[g c', m'] = flip(W[g m', c']): the kernel of the
 * stride-1 convolution that maps an output gradient back to the input.
 */
export function flipTransposeKernel(kernel: Float32Array, dims: readonly number[], group: number): { data: Float32Array; dims: number[] } {
  const [m, cPerGroup, ...spatial] = dims;
  const area = spatial.reduce((a, b) => a * b, 1);
  const mPerGroup = m / group;
  const out = new Float32Array(kernel.length);
  for (let g = 0; g < group; g++) {
    for (let mi = 0; mi < mPerGroup; mi++) {
      for (let ci = 0; ci < cPerGroup; ci++) {
        const from = ((g * mPerGroup + mi) * cPerGroup + ci) * area;
        const to = ((g * cPerGroup + ci) * mPerGroup + mi) * area;
        // Reversing the flattened window flips every spatial axis at once.
        for (let p = 0; p < area; p++) out[to + p] = kernel[from + area - 1 - p];
      }
    }
  }
  return { data: out, dims: [group * cPerGroup, mPerGroup, ...spatial] };
}
