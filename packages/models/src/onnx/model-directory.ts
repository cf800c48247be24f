/**
 * A temporary directory holding the compiled models. Their weights are not copied: each large
 * initializer becomes an ONNX external-data reference to the original .onnx file (hard-linked
 * into the directory, or copied where a link is impossible), at the byte offset of its raw_data.
 * onnxruntime then reads the weights from disk, and no JS buffer holds them once loading is done.
 */
import { closeSync, copyFileSync, linkSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DataType, type ModelProto, type TensorProto } from './onnx-proto.js';
import type { WeightSink } from './vjp-compiler.js';

/** Smaller tensors stay inline: an external reference would cost more than it saves. */
const EXTERNAL_MIN_BYTES = 4096;
const WEIGHTS = 'weights.onnx';
const DERIVED = 'saliency-bench-derived.bin';

export class ModelDirectory {
  readonly path: string;
  private readonly linked = new Set<string>();
  private readonly cleanup = () => rmSync(this.path, { recursive: true, force: true });
  private readonly stamp: string;

  constructor(private readonly source: string) {
    this.path = mkdtempSync(join(tmpdir(), 'saliency-bench-onnx-'));
    process.once('exit', this.cleanup);
    this.bring(source, WEIGHTS);
    this.stamp = this.currentStamp();
  }

  private currentStamp(): string {
    const stat = statSync(join(this.path, WEIGHTS));
    return `${stat.size}:${stat.mtimeMs}`;
  }

  /** Sessions created later read the linked file: refuse if it was rewritten in place since loading. */
  assertUnchanged(): void {
    if (this.currentStamp() !== this.stamp) {
      throw new Error(`${this.source}: the model file changed after it was loaded; load the classifier again`);
    }
  }

  /** Hard-links (or copies) a file into the directory under `name`. */
  private bring(file: string, name: string): void {
    if (this.linked.has(name)) return;
    try {
      linkSync(file, join(this.path, name));
    } catch {
      copyFileSync(file, join(this.path, name));
    }
    this.linked.add(name);
  }

  /**
   * Rewrites the model's initializers in place: raw_data that views `fileBytes` becomes a reference
   * into the linked source file; tensors that already use external data get their file linked too.
   */
  externalize(model: ModelProto, fileBytes: Uint8Array): ModelProto {
    const graph = model.graph!;
    graph.initializer = (graph.initializer ?? []).map((tensor): TensorProto => {
      if (this.ownTensors.has(tensor)) return tensor;
      if (tensor.dataLocation === 1) {
        const location = tensor.externalData?.find((e) => e.key === 'location')?.value ?? '';
        if (location !== basename(location)) throw new Error(`${this.source}: external data in subdirectories ("${location}") is not supported`);
        this.bring(join(dirname(this.source), location), location);
        return tensor;
      }
      const raw = tensor.rawData;
      if (!raw || raw.byteLength < EXTERNAL_MIN_BYTES || raw.buffer !== fileBytes.buffer) return tensor;
      const offset = raw.byteOffset - fileBytes.byteOffset;
      return {
        name: tensor.name,
        dims: tensor.dims,
        dataType: tensor.dataType,
        dataLocation: 1,
        externalData: [
          { key: 'location', value: WEIGHTS },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(raw.byteLength) },
        ],
      };
    });
    return model;
  }

  /** Weights computed at compile time (transformed Conv kernels), appended to derived.bin. */
  readonly derived: WeightSink = {
    add: (name, data, dims) => {
      const fd = openSync(join(this.path, DERIVED), 'a');
      try {
        writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } finally {
        closeSync(fd);
      }
      const offset = this.derivedBytes;
      this.derivedBytes += data.byteLength;
      const tensor: TensorProto = {
        name, dims: [...dims], dataType: DataType.FLOAT, dataLocation: 1, externalData: [
          { key: 'location', value: DERIVED }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(data.byteLength) },
        ],
      };
      this.ownTensors.add(tensor);
      return tensor;
    },
  };
  private readonly ownTensors = new WeakSet<TensorProto>();
  private derivedBytes = 0;

  /** The linked copy of the source model: later compilations read this, never a replaced file. */
  get weightsFile(): string {
    return join(this.path, WEIGHTS);
  }

  write(name: string, bytes: Uint8Array): string {
    const file = join(this.path, name);
    writeFileSync(file, bytes);
    return file;
  }

  dispose(): void {
    process.removeListener('exit', this.cleanup);
    this.cleanup();
  }
}
