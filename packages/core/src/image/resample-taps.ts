/**
 * Where each output pixel of a separable "two taps per axis" resampling reads its input: the one
 * place that maps output indices to source positions, for the forward resize and its adjoint.
 *
 * - bilinear: align_corners false, pixel centres map to pixel centres (PyTorch's
 *   F.interpolate(mode='bilinear'), OpenCV's INTER_LINEAR, no antialiasing); sources left of the
 *   first centre clamp to it.
 * - bilinear-align-corners: the corner pixels map to each other (nn.UpsamplingBilinear2d).
 * - nearest: floor(o * in / out) (F.interpolate's 'nearest', the Caffe MP code's resize).
 */
export type ResampleMode = 'bilinear' | 'bilinear-align-corners' | 'nearest';

/** Per output index: the lower source index, the upper one and the upper one's weight. */
export interface ResampleTaps {
  lo: Int32Array;
  hi: Int32Array;
  weight: Float64Array;
}

/** The source position of output index `o`, in input pixels. */
function sourcePosition(o: number, inSize: number, outSize: number, mode: ResampleMode): number {
  if (mode === 'nearest') return Math.floor((o * inSize) / outSize);
  if (mode === 'bilinear-align-corners') return outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0;
  // (o + 0.5) * in is exact, so the position is rounded once, by the division.
  return Math.max(0, ((o + 0.5) * inSize) / outSize - 0.5);
}

export function resampleTaps(inSize: number, outSize: number, mode: ResampleMode): ResampleTaps {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const weight = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const source = sourcePosition(o, inSize, outSize, mode);
    const low = Math.min(Math.floor(source), inSize - 1);
    lo[o] = low;
    hi[o] = Math.min(low + 1, inSize - 1);
    weight[o] = mode === 'nearest' || low + 1 >= inSize ? 0 : source - low;
  }
  return { lo, hi, weight };
}
