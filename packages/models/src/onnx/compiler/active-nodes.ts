/**
 * Which nodes the backward pass must visit: those downstream of `wrt` (active) and upstream of
 * the target. Refuses, at load time, an op on that path that has no gradient rule.
 */
import type { AnalyzedGraph } from './graph-analysis.js';
import type { GraphNode } from './model-graph.js';
import type { OpTable } from './ops/op-rule.js';

export function activeNodes(analyzed: AnalyzedGraph, rules: OpTable, wrt: string, target: string): { active: Set<string>; differentiable: Set<GraphNode> } {
  const { graph } = analyzed;
  const active = new Set<string>([wrt]);
  for (const node of analyzed.nodes) {
    if (node.inputs.some((name) => active.has(name))) node.outputs.forEach((name) => name && active.add(name));
  }
  if (!active.has(target)) throw new Error(`${graph.source}: "${target}" does not depend on "${wrt}"`);
  const needed = new Set<string>([target]);
  const differentiable = new Set<GraphNode>();
  for (const node of [...analyzed.nodes].reverse()) {
    if (!node.outputs.some((name) => needed.has(name)) || !node.inputs.some((name) => active.has(name))) continue;
    if (!rules.get(node.opType)?.grad) {
      throw new Error(`${graph.source}: node "${node.name}" (${node.opType}) lies between the input and the logits, and the ONNX engine has no gradient rule for ${node.opType}`);
    }
    differentiable.add(node);
    node.inputs.forEach((name) => active.has(name) && needed.add(name));
  }
  return { active, differentiable };
}
