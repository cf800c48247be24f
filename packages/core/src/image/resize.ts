/**
 * Bilinear resizing of CHW images with align_corners=false semantics, the convention shared by
 * PyTorch's F.interpolate(mode='bilinear') and OpenCV's INTER_LINEAR (no antialiasing).
 */

/** Per output index: the lower source index, the upper one and the upper one's weight. */
interface Taps {
  lo: Int32Array;
  hi: Int32Array;
  weight: Float32Array;
}

function bilinearTaps(inSize: number, outSize: number): Taps {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const weight = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    // Pixel centres map to pixel centres; sources left of the first centre clamp to it.
    const source = Math.max(0, (o + 0.5) * scale - 0.5);
    const low = Math.min(Math.floor(source), inSize - 1);
    lo[o] = low;
    hi[o] = Math.min(low + 1, inSize - 1);
    weight[o] = low + 1 < inSize ? source - low : 0;
  }
  return { lo, hi, weight };
}

function checkImage(src: Float32Array, channels: number, h: number, w: number, what: string): void {
  if (!(channels >= 1 && h >= 1 && w >= 1) || src.length !== channels * h * w) {
    throw new Error(
      `${what}: expected a CHW array of ${channels}x${h}x${w} = ${channels * h * w} values, got ${src.length}`,
    );
  }
}

/** Resize a CHW image to outH x outW (two separable passes: rows, then columns). */
export function resizeBilinear(
  src: Float32Array,
  channels: number,
  h: number,
  w: number,
  outH: number,
  outW: number,
): Float32Array {
  checkImage(src, channels, h, w, 'resizeBilinear');
  if (!(outH >= 1 && outW >= 1)) throw new Error(`resizeBilinear: output size ${outH}x${outW} must be at least 1x1`);
  if (outH === h && outW === w) return Float32Array.from(src);
  const xs = bilinearTaps(w, outW);
  const ys = bilinearTaps(h, outH);
  const rows = new Float32Array(h * outW);
  const out = new Float32Array(channels * outH * outW);
  for (let c = 0; c < channels; c++) {
    const plane = c * h * w;
    // Horizontal pass: every source row at the output width.
    for (let y = 0; y < h; y++) {
      const srcRow = plane + y * w;
      const dstRow = y * outW;
      for (let x = 0; x < outW; x++) {
        const a = src[srcRow + xs.lo[x]];
        rows[dstRow + x] = a + (src[srcRow + xs.hi[x]] - a) * xs.weight[x];
      }
    }
    // Vertical pass: blend the two source rows of each output row.
    const outPlane = c * outH * outW;
    for (let y = 0; y < outH; y++) {
      const top = ys.lo[y] * outW;
      const bottom = ys.hi[y] * outW;
      const t = ys.weight[y];
      const dstRow = outPlane + y * outW;
      for (let x = 0; x < outW; x++) {
        const a = rows[top + x];
        out[dstRow + x] = a + (rows[bottom + x] - a) * t;
      }
    }
  }
  return out;
}

/** Resize a single-channel H x W map (bilinear, align_corners=false). */
export function resizeMap(map: Float32Array, h: number, w: number, outH: number, outW: number): Float32Array {
  return resizeBilinear(map, 1, h, w, outH, outW);
}

export { checkImage };
