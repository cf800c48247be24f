/**
 * Wilcoxon signed-rank test of paired differences (Wilcoxon 1945), two-sided.
 *
 * Zeros: Pratt's method (default; Pratt 1959) ranks them with the others and leaves them out of
 * the sum; Wilcoxon's drops them before ranking. Ties get average ranks.
 * - exact: the null distribution of W+ given the observed ranks, by counting sign assignments
 *   (a subset-sum table over doubled ranks, so tied half-ranks stay integers); it is exact with
 *   ties and zeros too, conditional on the ranks.
 * - normal: z = (W+ - mu) / sigma with mu = n(n+1)/4 and sigma^2 = n(n+1)(2n+1)/24, both reduced
 *   for Pratt's zeros by the same terms at n0 (Cureton 1967), and sigma^2 reduced by
 *   sum(t^3 - t)/48 over the groups of tied non-zero |d| (no continuity correction; scipy's default).
 * - auto: exact while at most 50 differences are non-zero, normal beyond.
 */
import { averageRanks, tieGroupSizes } from './ranks.js';

export interface WilcoxonOptions {
  method?: 'auto' | 'exact' | 'normal';
  zeroMethod?: 'pratt' | 'wilcox';
}

export interface WilcoxonResult {
  /** Sum of the ranks of the positive differences. */
  wPlus: number;
  wMinus: number;
  /** Differences that entered the ranking (all, for Pratt; the non-zero ones, for Wilcoxon). */
  n: number;
  zeros: number;
  /** The z statistic of the normal approximation (also reported when the p-value is exact). */
  z: number;
  pValue: number;
  method: 'exact' | 'normal';
}

export const EXACT_MAX_NONZERO = 50;

export function wilcoxonSignedRank(differences: readonly number[], options: WilcoxonOptions = {}): WilcoxonResult {
  const zeroMethod = options.zeroMethod ?? 'pratt';
  const zeros = differences.filter((d) => d === 0).length;
  const ranked = zeroMethod === 'wilcox' ? differences.filter((d) => d !== 0) : [...differences];
  const ranks = averageRanks(ranked.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  ranked.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i];
    else if (d < 0) wMinus += ranks[i];
  });
  const n = ranked.length;
  const nonzero = differences.length - zeros;
  const z = normalZ(wPlus, ranked, zeroMethod === 'pratt' ? zeros : 0);
  const method = options.method === 'auto' || options.method === undefined ? (nonzero <= EXACT_MAX_NONZERO ? 'exact' : 'normal') : options.method;
  if (nonzero === 0) return { wPlus, wMinus, n, zeros, z: Number.NaN, pValue: 1, method };
  const pValue = method === 'exact'
    ? exactTwoSided(wPlus, ranked.flatMap((d, i) => (d !== 0 ? [ranks[i]] : [])))
    : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return { wPlus, wMinus, n, zeros, z, pValue, method };
}

function normalZ(wPlus: number, ranked: readonly number[], zeros: number): number {
  const n = ranked.length;
  const mean = (n * (n + 1)) / 4 - (zeros * (zeros + 1)) / 4;
  let variance24 = n * (n + 1) * (2 * n + 1) - zeros * (zeros + 1) * (2 * zeros + 1);
  const tiedNonzero = tieGroupSizes(ranked.filter((d) => d !== 0).map(Math.abs));
  variance24 -= tiedNonzero.reduce((sum, t) => sum + t ** 3 - t, 0) / 2;
  return (wPlus - mean) / Math.sqrt(variance24 / 24);
}

/** P-value of W+ under random signs of the given ranks: 2 * min(P(W <= w), P(W >= w)), at most 1. */
function exactTwoSided(wPlus: number, ranks: readonly number[]): number {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const total = doubled.reduce((s, r) => s + r, 0);
  // ways[s]: number of sign assignments whose positive doubled ranks sum to s.
  let ways = new Float64Array(total + 1);
  ways[0] = 1;
  for (const r of doubled) {
    const next = ways.slice();
    for (let s = r; s <= total; s++) next[s] += ways[s - r];
    ways = next;
  }
  const all = 2 ** doubled.length;
  const observed = Math.round(2 * wPlus);
  let lower = 0;
  let upper = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= observed) lower += ways[s];
    if (s >= observed) upper += ways[s];
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / all);
}

/** 1 - Phi(x), the standard normal upper tail. */
export function normalUpperTail(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** erfc with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
