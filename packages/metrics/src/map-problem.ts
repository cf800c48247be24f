/** Why an attribution map cannot be scored, or undefined when it can. */
import type { Attribution } from '@saliency-bench/core';

export function mapProblem(attribution: Attribution): string | undefined {
  const { map, height, width } = attribution;
  if (!(height >= 1 && width >= 1) || map.length !== height * width) {
    return `the attribution map has ${map.length} values but declares ${height}x${width}`;
  }
  for (let i = 0; i < map.length; i++) {
    if (!Number.isFinite(map[i])) return `the attribution map contains NaN or infinite values (first at pixel ${i})`;
  }
  return undefined;
}
