/** One colour per method, the same in every chart (Tableau 10, from d3-scale-chromatic). */
import { schemeTableau10 } from 'd3-scale-chromatic';

export function methodColours(methods: readonly string[]): Map<string, string> {
  return new Map(methods.map((method, i) => [method, schemeTableau10[i % schemeTableau10.length]]));
}
