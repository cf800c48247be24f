/**
 * After training: builtin.onnx from the trained model.json, and model-info.json, the model's
 * classes, normalisation and activation for engines that cannot read the tfjs metadata.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@saliency-bench/core';
import type { ModelInfoFile } from '../settings/model-info-file.js';
import { loadTfjs, type TfjsBackendName } from '../tfjs/tfjs-runtime.js';
import { fileIOHandler } from '../tfjs/file-io-handler.js';
import type { TfjsModelMetadata } from '../tfjs/load-tfjs-model.js';
import { exportBackboneOnnx } from './export-backbone-onnx.js';

export async function exportTrainedOnnx(modelJson: string, onnxPath: string, backend: TfjsBackendName = 'auto'): Promise<string> {
  const runtime = await loadTfjs(backend);
  const model = await runtime.layers.loadLayersModel(fileIOHandler(runtime.tf.io, modelJson));
  try {
    await writeFileAtomic(onnxPath, exportBackboneOnnx(runtime, model));
  } finally {
    model.dispose();
  }
  return onnxPath;
}

/** Writes model-info.json beside model.json from the metadata the trainer stored in it. */
export async function writeModelInfo(outDir: string, inputSize: number): Promise<ModelInfoFile> {
  const json = JSON.parse(await readFile(join(outDir, 'model.json'), 'utf8')) as { userDefinedMetadata?: { saliencyBench?: TfjsModelMetadata } };
  const meta = json.userDefinedMetadata?.saliencyBench;
  if (!meta?.classes || !meta.mean || !meta.std) throw new Error(`${join(outDir, 'model.json')} carries no saliency-bench metadata; was it written by the trainer?`);
  const info: ModelInfoFile = {
    name: meta.name ?? 'builtin', classes: meta.classes, inputShape: [3, inputSize, inputSize],
    activation: meta.activation ?? 'sigmoid', mean: meta.mean, std: meta.std,
  };
  await writeFileAtomic(join(outDir, 'model-info.json'), JSON.stringify(info, null, 2) + '\n');
  return info;
}
