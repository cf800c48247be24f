/**
 * What the op table supports, in words: the docs' op list (docs/onnx-engine.md, checked against
 * the table by a test) and the "unsupported operator" message are both written from it.
 */
import type { OpRule, OpTable } from './op-rule.js';

const named = (rule: OpRule) => (rule.notes ? `${rule.op} (${rule.notes})` : rule.op);

/** The docs' op list: three bullets, from the table in its order. */
export function opListText(table: OpTable): string {
  const rules = [...table.values()];
  const differentiable = rules.filter((rule) => rule.grad).map(named);
  const foldedOnly = rules.filter((rule) => !rule.grad).map(named);
  const alsoFolded = rules.filter((rule) => rule.grad && rule.fold).map((rule) => rule.op);
  return [
    `- Differentiable: ${differentiable.join(', ')}.`,
    `- On compile-time constants only (folded at load, shape computations): ${foldedOnly.join(', ')}.`,
    `- Also folded at load when all their inputs are constant: ${alsoFolded.join(', ')}.`,
  ].join('\n');
}

export function unsupportedOperatorMessage(source: string, node: { name: string; opType: string; domain?: string }, table: OpTable): string {
  const op = node.domain ? `${node.domain}::${node.opType}` : node.opType;
  return `${source}: node "${node.name}" uses the operator ${op}, which the ONNX engine does not support ` +
    `(it supports ${[...table.keys()].join(', ')}; see docs/onnx-engine.md)`;
}
