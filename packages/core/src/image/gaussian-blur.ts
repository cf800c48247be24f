/**
 * Separable Gaussian blur of CHW images, matching OpenCV's GaussianBlur(ksize, sigma) with its
 * default border (BORDER_REFLECT_101); the RP and RISE baselines use kernel 11, sigma 5.
 */
import { reflect101 } from './border.js';
import { checkImage } from './resize.js';

/** OpenCV getGaussianKernel: sampled Gaussian normalised to sum 1; sigma <= 0 derives it from the size. */
export function gaussianKernel(kernelSize: number, sigma: number): Float64Array {
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    throw new Error(`gaussianKernel: kernelSize must be a positive odd integer, got ${kernelSize}`);
  }
  const s = sigma > 0 ? sigma : 0.3 * ((kernelSize - 1) * 0.5 - 1) + 0.8;
  const kernel = new Float64Array(kernelSize);
  const centre = (kernelSize - 1) / 2;
  let sum = 0;
  for (let i = 0; i < kernelSize; i++) {
    kernel[i] = Math.exp(-((i - centre) ** 2) / (2 * s * s));
    sum += kernel[i];
  }
  for (let i = 0; i < kernelSize; i++) kernel[i] /= sum;
  return kernel;
}

export function gaussianBlur(
  src: Float32Array,
  channels: number,
  h: number,
  w: number,
  kernelSize: number,
  sigma: number,
): Float32Array {
  checkImage(src, channels, h, w, 'gaussianBlur');
  const kernel = gaussianKernel(kernelSize, sigma);
  const radius = (kernelSize - 1) / 2;
  const padded = new Float64Array(w + 2 * radius);
  const rows = new Float64Array(h * w);
  const acc = new Float64Array(w);
  const out = new Float32Array(src.length);
  const rowOf = new Int32Array(h + 2 * radius);
  for (let i = 0; i < rowOf.length; i++) rowOf[i] = reflect101(i - radius, h);
  const colOf = new Int32Array(w + 2 * radius);
  for (let i = 0; i < colOf.length; i++) colOf[i] = reflect101(i - radius, w);
  for (let c = 0; c < channels; c++) {
    const plane = c * h * w;
    // Horizontal pass through a reflected copy of each row, so the inner loop has no branches.
    for (let y = 0; y < h; y++) {
      const row = plane + y * w;
      for (let i = 0; i < padded.length; i++) padded[i] = src[row + colOf[i]];
      for (let x = 0; x < w; x++) {
        let acc = 0;
        for (let k = 0; k < kernelSize; k++) acc += kernel[k] * padded[x + k];
        rows[y * w + x] = acc;
      }
    }
    // Vertical pass row by row (cache friendly): out row y = sum_k kernel[k] * rows[reflect(y + k - r)].
    for (let y = 0; y < h; y++) {
      const dst = plane + y * w;
      acc.fill(0);
      for (let k = 0; k < kernelSize; k++) {
        const source = rowOf[y + k] * w;
        const weight = kernel[k];
        for (let x = 0; x < w; x++) acc[x] += weight * rows[source + x];
      }
      for (let x = 0; x < w; x++) out[dst + x] = acc[x];
    }
  }
  return out;
}
