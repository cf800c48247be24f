/**
 * How alike two saliency maps of the same job are, as Adebayo et al. (NeurIPS 2018) measure it:
 * Spearman rank correlation of the maps and of their absolute values (the paper reports both:
 * some methods' signs flip under randomisation while their magnitudes stay), and SSIM of the
 * min-max normalised maps.
 */
import { minMaxNormalize } from '../image/normalize.js';
import { spearman } from '../stats/spearman.js';
import { ssim } from '../stats/ssim.js';

export interface MapSimilarity {
  spearman: number;
  spearmanAbs: number;
  ssim: number;
}

export function mapSimilarity(a: Float32Array, b: Float32Array, height: number, width: number): MapSimilarity {
  if (a.length !== b.length) throw new Error(`maps of ${a.length} and ${b.length} values cannot be compared`);
  return {
    spearman: spearman(a, b),
    spearmanAbs: spearman(a.map(Math.abs), b.map(Math.abs)),
    ssim: ssim(minMaxNormalize(a), minMaxNormalize(b), height, width),
  };
}
