/**
 * Re-emits the analyzed forward graph into a builder: folded constants are materialized as
 * initializers when a kept node reads them (big ones as the original TensorProto objects), each
 * op's forward rule may rewrite its node (old opset forms, MaxPool indices), and the per-node
 * emission contexts are reused by the backward pass.
 */
import { inferContext, type AnalyzedGraph } from './graph-analysis.js';
import type { OnnxGraphBuilder } from './graph-builder.js';
import type { GraphNode } from './model-graph.js';
import type { EmitContext, OpTable } from './ops/op-rule.js';
import { makeTensor } from '../proto/tensor-data.js';

export class ForwardEmitter {
  private readonly emitted = new Set<string>(['']);
  private readonly memory = new Map<GraphNode, Map<string, string>>();

  constructor(
    private readonly analyzed: AnalyzedGraph,
    private readonly rules: OpTable,
    private readonly g: OnnxGraphBuilder,
    private readonly differentiable: ReadonlySet<GraphNode>,
  ) {
    this.emitted.add(analyzed.input);
  }

  /** The name of `name` in the emitted graph, adding a constant's initializer on first use. */
  materialize(name: string, where: GraphNode): string {
    if (this.emitted.has(name)) return name;
    const { graph, constants } = this.analyzed;
    const constant = constants.get(name);
    if (!constant) throw new Error(`${graph.source}: node "${where.name}" reads "${name}", which was never computed`);
    if (constant.proto) {
      this.g.tensor(constant.proto.name === name ? constant.proto : { ...constant.proto, name });
    } else {
      if (constant.values!.some((v) => typeof v !== 'number')) {
        throw new Error(`${graph.source}: node "${where.name}" (${where.opType}) reads "${name}", a shape that depends on the batch size, which is only supported as a Reshape target`);
      }
      this.g.tensor(makeTensor(name, constant.dataType, constant.dims, constant.values as number[]));
    }
    this.emitted.add(name);
    return name;
  }

  context(node: GraphNode): EmitContext {
    const { graph, facts, constants } = this.analyzed;
    const base = inferContext(node, graph, facts, constants);
    const g = this.g;
    const memory = this.memory;
    return {
      ...base,
      g,
      input: (i) => (base.has(i) ? this.materialize(node.inputs[i], node) : ''),
      output: (i) => node.outputs[i],
      outputShape: (i) => facts.get(node.outputs[i])!.shape,
      emitAsIs(attributes = node.attributes) {
        let outputs = node.outputs;
        while (outputs.length > 1 && outputs[outputs.length - 1] === '') outputs = outputs.slice(0, -1);
        g.nodeOutputs(node.opType, node.inputs.map((_, i) => this.input(i)), attributes, { outputs, name: node.name });
      },
      differentiable: this.differentiable.has(node),
      remember(key, name) {
        if (!memory.has(node)) memory.set(node, new Map());
        memory.get(node)!.set(key, name);
      },
    };
  }

  recall(node: GraphNode, key: string): string | undefined {
    return this.memory.get(node)?.get(key);
  }

  emitAll(): void {
    for (const node of this.analyzed.nodes) {
      const ctx = this.context(node);
      const rule = this.rules.get(node.opType)!;
      if (rule.forward) rule.forward(ctx);
      else ctx.emitAsIs();
      node.outputs.forEach((name) => this.emitted.add(name));
    }
  }
}
