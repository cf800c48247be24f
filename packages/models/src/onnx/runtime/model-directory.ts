/**
 * A temporary directory holding the compiled models. Their weights are not copied: each large
 * initializer becomes an ONNX external-data reference to the original .onnx file (hard-linked
 * into the directory, or copied where a link is impossible), at the byte offset of its raw_data.
 * onnxruntime then reads the weights from disk, and no JS buffer holds them once loading is done.
 */
import { closeSync, copyFileSync, linkSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DataType, type ModelProto, type TensorProto } from '../proto/onnx-proto.js';
import { makeTensor } from '../proto/tensor-data.js';
import type { WeightStore } from '../compiler/vjp-compiler.js';

/** Smaller tensors stay inline: an external reference would cost more than it saves. */
const EXTERNAL_MIN_BYTES = 4096;
const WEIGHTS = 'weights.onnx';
const DERIVED = 'saliency-bench-derived.bin';
const PREFIX = 'saliency-bench-onnx-';

/** Removes directories left by processes that died without disposing (killed test workers). */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^saliency-bench-onnx-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export class ModelDirectory {
  readonly path: string;
  private readonly linked = new Set<string>();
  private readonly cleanup = () => rmSync(this.path, { recursive: true, force: true });
  private readonly stamp: string;
  private derivedBytes = 0;
  /** Derived tensors already written, so models compiled from one graph share their bytes. */
  private readonly derivedTensors = new WeakMap<TensorProto, TensorProto>();

  constructor(private readonly source: string) {
    removeOrphans();
    this.path = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
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
      if (!raw || raw.byteLength < EXTERNAL_MIN_BYTES) return tensor;
      if (raw.buffer !== fileBytes.buffer) return this.derive(tensor, raw);
      return this.reference(tensor, WEIGHTS, raw.byteOffset - fileBytes.byteOffset, raw.byteLength);
    });
    return model;
  }

  /** Appends a compile-time weight's bytes to the derived-weights file; returns its reference. */
  private derive(tensor: TensorProto, raw: Uint8Array): TensorProto {
    const cached = this.derivedTensors.get(tensor);
    if (cached) return cached;
    const fd = openSync(join(this.path, DERIVED), 'a');
    try {
      writeSync(fd, raw);
    } finally {
      closeSync(fd);
    }
    const reference = this.reference(tensor, DERIVED, this.derivedBytes, raw.byteLength);
    this.derivedBytes += raw.byteLength;
    this.derivedTensors.set(tensor, reference);
    this.ownTensors.set(reference, { offset: this.derivedBytes - raw.byteLength, length: raw.byteLength });
    return reference;
  }

  /** Compile-time weights (folded and transformed kernels) go to disk at once, not into the model. */
  readonly store: WeightStore = {
    add: (name, data, dims) => this.derive(makeTensor(name, DataType.FLOAT, dims, data), new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    read: (tensor) => {
      const place = this.ownTensors.get(tensor);
      if (!place) return undefined;
      const out = new Float32Array(place.length / 4);
      const fd = openSync(join(this.path, DERIVED), 'r');
      try {
        readSync(fd, new Uint8Array(out.buffer), 0, place.length, place.offset);
      } finally {
        closeSync(fd);
      }
      return out;
    },
  };
  private readonly ownTensors = new WeakMap<TensorProto, { offset: number; length: number }>();

  private reference(tensor: TensorProto, location: string, offset: number, length: number): TensorProto {
    return {
      name: tensor.name, dims: tensor.dims, dataType: tensor.dataType, dataLocation: 1, externalData: [
        { key: 'location', value: location }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(length) },
      ],
    };
  }

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
