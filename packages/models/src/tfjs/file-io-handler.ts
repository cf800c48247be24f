/**
 * A tf.io handler over local files: reads model.json and its weight shards, and writes
 * model.json + one weights file atomically. Plain fs, so no @tensorflow/tfjs-node is needed.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '@saliency-bench/core';
import type * as Tf from '@tensorflow/tfjs-core';

type Io = typeof Tf.io;

async function readModelJson(path: string): Promise<Tf.io.ModelJSON> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`tfjs model: cannot read ${path} (${(error as Error).message}); pass the path of a TensorFlow.js model.json`);
  }
  let json: Tf.io.ModelJSON;
  try {
    json = JSON.parse(text) as Tf.io.ModelJSON;
  } catch {
    throw new Error(`tfjs model: ${path} is not valid JSON; expected a TensorFlow.js model.json`);
  }
  if (typeof json !== 'object' || json === null || !('modelTopology' in json)) {
    throw new Error(`tfjs model: ${path} has no "modelTopology"; expected a TensorFlow.js model.json (layers or graph model)`);
  }
  return json;
}

/** Handler for `tf.loadLayersModel`, `tf.loadGraphModel` and `model.save`. */
export function fileIOHandler(io: Io, modelJsonPath: string, weightsFileName = 'weights.bin'): Tf.io.IOHandler {
  const path = resolve(modelJsonPath);
  const dir = dirname(path);
  return {
    async load() {
      const json = await readModelJson(path);
      return io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: Tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const shard of group.paths) {
            const file = join(dir, shard);
            const bytes = await readFile(file).catch((error: Error) => {
              throw new Error(`tfjs model: weight shard ${file} listed in ${basename(path)} cannot be read (${error.message})`);
            });
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [specs, buffers];
      });
    },
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('tfjs model: saving a binary (protobuf) topology is not supported; save a layers model');
      }
      const weights = artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : new io.CompositeArrayBuffer(artifacts.weightData).slice();
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [weightsFileName], weights: artifacts.weightSpecs ?? [] }],
      };
      // Weights first: a model.json never points at weights that are not there yet.
      await writeFileAtomic(join(dir, weightsFileName), new Uint8Array(weights));
      await writeFileAtomic(path, JSON.stringify(json));
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}
