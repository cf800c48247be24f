/**
 * A small API to build ONNX models in TypeScript:
 *
 *   const g = new OnnxGraphBuilder({ opset: 13 });
 *   const x = g.input('x', [null, 3, 96, 96]);
 *   const w = g.initializer('w', new Float32Array(16 * 3 * 3 * 3), [16, 3, 3, 3]);
 *   const y = g.node('Conv', [x, w], { strides: [1, 1], pads: [1, 1, 1, 1] });
 *   g.output(y, 'logits');
 *   const bytes = g.toBytes();
 *
 * Values are referred to by name (strings). Attribute types follow attributes.ts: integers are
 * INT(S) except for the ONNX float attributes (alpha, epsilon, ...); `{ float: 1 }` forces FLOAT.
 */
import { encodeAttributes, type Attributes } from '../proto/attributes.js';
import { DataType, encodeModel, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from '../proto/onnx-proto.js';
import { dataTypeOf, makeTensor, type TensorArray } from '../proto/tensor-data.js';

export type ElementType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';
/** A dimension: a size, a symbolic name, or null for an anonymous dynamic dimension. */
export type DimSpec = number | string | null;

const ELEMENT_TYPES: Record<ElementType, number> = {
  float32: DataType.FLOAT, float64: DataType.DOUBLE, int64: DataType.INT64, int32: DataType.INT32, bool: DataType.BOOL,
};

export interface OnnxGraphBuilderOptions {
  /** Default-domain opset version (default 13). */
  opset?: number;
  name?: string;
  producer?: string;
}

export interface NodeOptions {
  /** Number of outputs (default 1) or their names. */
  outputs?: number | string[];
  name?: string;
  domain?: string;
}

function valueInfo(name: string, type: ElementType, dims?: readonly DimSpec[]): ValueInfoProto {
  const shape = dims && { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})) };
  return { name, type: { tensorType: { elemType: ELEMENT_TYPES[type], ...(shape ? { shape } : {}) } } };
}

export class OnnxGraphBuilder {
  readonly opset: number;
  private readonly name: string;
  private readonly producer: string;
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly nodes: NodeProto[] = [];
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();
  private counter = 0;

  constructor(options: OnnxGraphBuilderOptions = {}) {
    this.opset = options.opset ?? 13;
    this.name = options.name ?? 'graph';
    this.producer = options.producer ?? 'saliency-bench';
  }

  /** A fresh name starting with `prefix`, reserved for the caller to use once. */
  fresh(prefix: string): string {
    let name = prefix;
    while (this.used.has(name) || this.reserved.has(name)) name = `${prefix}_${++this.counter}`;
    this.reserved.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.used.has(name)) throw new Error(`OnnxGraphBuilder: the name "${name}" is already used`);
    this.used.add(name);
    return name;
  }

  /** Declares a graph input; returns its name. */
  input(name: string, dims: readonly DimSpec[], type: ElementType = 'float32'): string {
    this.inputs.push(valueInfo(this.claim(name), type, dims));
    return name;
  }

  /** Adds an existing TensorProto as an initializer, as is (its bytes are not copied). */
  tensor(proto: TensorProto): string {
    this.initializers.push(proto);
    return this.claim(proto.name ?? '');
  }

  /** Marks names of a graph being rewritten, so fresh() never collides with them (they can still be used once). */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.reserved.add(name);
  }

  /** Adds a graph input from an existing ValueInfoProto. */
  inputInfo(info: ValueInfoProto): string {
    this.inputs.push(info);
    return this.claim(info.name ?? '');
  }

  /** Adds a weight; the typed array's type decides the ONNX type. Its bytes are not copied. */
  initializer(name: string, data: TensorArray, dims: readonly number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new Error(`OnnxGraphBuilder: initializer "${name}" has ${data.length} values for dims [${dims}]`);
    this.initializers.push(makeTensor(this.claim(name), dataTypeOf(data), dims, data));
    return name;
  }

  /** A small constant initializer with a generated name (int64 by default: axes, shapes, pads). */
  constant(values: readonly number[], dims: readonly number[] = [values.length], type: ElementType = 'int64'): string {
    const name = this.claim(this.fresh('const'));
    this.initializers.push(makeTensor(name, ELEMENT_TYPES[type], dims, values));
    return name;
  }

  /** Adds a node; returns the name of its first output. Use '' for an omitted optional input. */
  node(opType: string, inputs: readonly string[], attributes: Attributes = {}, options: NodeOptions = {}): string {
    return this.nodeOutputs(opType, inputs, attributes, options)[0];
  }

  /** Adds a node; returns the names of all its outputs. */
  nodeOutputs(opType: string, inputs: readonly string[], attributes: Attributes = {}, options: NodeOptions = {}): string[] {
    const spec = options.outputs ?? 1;
    const base = opType.toLowerCase();
    const outputs = typeof spec === 'number' ? Array.from({ length: spec }, () => this.claim(this.fresh(base))) : spec.map((n) => this.claim(n));
    this.nodes.push({
      name: options.name ?? this.fresh(`${opType}_node`),
      opType,
      domain: options.domain ?? '',
      input: [...inputs],
      output: outputs,
      attribute: encodeAttributes(attributes),
    });
    return outputs;
  }

  /** Marks a value as a graph output, optionally under a new name (the value is renamed). */
  output(value: string, name: string = value, type: ElementType = 'float32', dims?: readonly DimSpec[]): string {
    let source = value;
    if (name !== value) {
      const producer = this.nodes.find((n) => n.output?.includes(value));
      if (producer && !this.outputs.some((o) => o.name === value)) {
        this.claim(name);
        for (const node of this.nodes) {
          node.input = node.input?.map((v) => (v === value ? name : v));
          node.output = node.output?.map((v) => (v === value ? name : v));
        }
      } else {
        this.nodeOutputs('Identity', [value], {}, { outputs: [name] });
      }
      source = name;
    }
    this.outputs.push(valueInfo(source, type, dims));
    return source;
  }

  toModelProto(): ModelProto {
    return {
      irVersion: this.opset >= 15 ? 8 : this.opset >= 13 ? 7 : 6,
      producerName: this.producer,
      opsetImport: [{ domain: '', version: this.opset }],
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
  }

  /** The serialized model, ready for onnxruntime or a .onnx file. */
  toBytes(): Uint8Array {
    return encodeModel(this.toModelProto());
  }
}
