/**
 * A ceiling for integer plugin options whose schema declares no maximum: counts such as iterations,
 * masks or threads are never sensibly above a million, and a typo like 1e12 would otherwise run
 * for years or exhaust memory. Plugins that need more declare their own "maximum".
 */
import type { SpecProblem } from './spec-error.js';

export const INTEGER_OPTION_CEILING = 1_000_000;

interface SchemaNode {
  type?: string | string[];
  maximum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

export function ceilingProblems(schema: unknown, options: unknown, pointer: string): SpecProblem[] {
  const node = schema as SchemaNode;
  if (typeof schema !== 'object' || schema === null) return [];
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (typeof options === 'number' && types.includes('integer') && node.maximum === undefined && node.exclusiveMaximum === undefined) {
    return options > INTEGER_OPTION_CEILING
      ? [{ pointer, message: `must be <= ${INTEGER_OPTION_CEILING} (saliency-bench's ceiling for counts without their own maximum; see docs/plugins.md)`, found: options }]
      : [];
  }
  if (Array.isArray(options) && node.items) return options.flatMap((item, i) => ceilingProblems(node.items, item, `${pointer}/${i}`));
  if (typeof options === 'object' && options !== null && node.properties) {
    return Object.entries(options as Record<string, unknown>).flatMap(([key, value]) =>
      node.properties![key] ? ceilingProblems(node.properties![key], value, `${pointer}/${key}`) : [],
    );
  }
  return [];
}
