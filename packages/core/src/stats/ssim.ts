/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli, IEEE TIP 2004) as in the authors'
 * reference MATLAB code: an 11x11 Gaussian window (sigma 1.5) over every position where it fits
 * ("valid"), K1 = 0.01, K2 = 0.03, dynamic range L = 1, averaged over the positions.
 * The sanity checks of Adebayo et al. (2018) compare min-max normalised maps this way.
 */
const WINDOW = 11;
const SIGMA = 1.5;
const C1 = (0.01 * 1) ** 2;
const C2 = (0.03 * 1) ** 2;

function gaussianWindow(): Float64Array {
  const half = (WINDOW - 1) / 2;
  const w = new Float64Array(WINDOW * WINDOW);
  let sum = 0;
  for (let y = 0; y < WINDOW; y++) {
    for (let x = 0; x < WINDOW; x++) {
      w[y * WINDOW + x] = Math.exp(-((x - half) ** 2 + (y - half) ** 2) / (2 * SIGMA * SIGMA));
      sum += w[y * WINDOW + x];
    }
  }
  return w.map((v) => v / sum);
}

const window = gaussianWindow();

/** Maps of height x width with values in [0, 1]; both sides must be at least 11 pixels. */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, height: number, width: number): number {
  if (a.length !== height * width || b.length !== height * width) throw new Error(`ssim: maps must both be ${height}x${width}`);
  if (height < WINDOW || width < WINDOW) throw new Error(`ssim: maps of ${height}x${width} are smaller than the ${WINDOW}x${WINDOW} window`);
  let total = 0;
  let count = 0;
  for (let y0 = 0; y0 + WINDOW <= height; y0++) {
    for (let x0 = 0; x0 + WINDOW <= width; x0++) {
      let ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
      for (let y = 0; y < WINDOW; y++) {
        for (let x = 0; x < WINDOW; x++) {
          const w = window[y * WINDOW + x];
          const p = (y0 + y) * width + x0 + x;
          ma += w * a[p];
          mb += w * b[p];
          saa += w * a[p] * a[p];
          sbb += w * b[p] * b[p];
          sab += w * a[p] * b[p];
        }
      }
      const varA = saa - ma * ma;
      const varB = sbb - mb * mb;
      const cov = sab - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (varA + varB + C2));
      count++;
    }
  }
  return total / count;
}
