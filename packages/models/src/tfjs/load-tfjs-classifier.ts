/**
 * loadTfjsClassifier: a TensorFlow.js model.json (layers or graph model) as a core Classifier.
 * Classes, normalisation, activation and name come from the shared resolver
 * (settings/model-settings.ts): the options, then the model's own metadata, then the files beside
 * model.json, then (classes only) the dataset the model is paired with.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classifier, ModelContext } from '@saliency-bench/core';
import { loadTfjs, type TfjsBackendName } from './tfjs-runtime.js';
import { loadTfjsModel } from './load-tfjs-model.js';
import { createTfjsClassifier } from './tfjs-classifier.js';
import { declaredSettings, fileStem, inputSizeOf, modelPath, resolveModelSettings, type DeclaredModelSettings } from '../settings/model-settings.js';
import { settingsBeside } from '../settings/model-info-file.js';
import { engineMaxBatch, tfjsExecution } from '../settings/execution-settings.js';
import type { TfjsClassifierOptions } from './tfjs-options.js';

export { readClassesFile } from '../settings/class-names.js';

export type { TfjsClassifierOptions } from './tfjs-options.js';

export async function resolveModelJson(path: string): Promise<string> {
  const info = await stat(path).catch(() => {
    throw new Error(`tfjs model: ${path} does not exist; pass a model.json or the directory holding it`);
  });
  return info.isDirectory() ? join(path, 'model.json') : path;
}

export async function loadTfjsClassifier(options: TfjsClassifierOptions, context: Partial<ModelContext> = {}): Promise<Classifier> {
  tfjsExecution(context.execution);
  const modelJson = await resolveModelJson(modelPath(options.model, context.baseDir));
  const runtime = await loadTfjs(options.backend ?? 'auto');
  const loaded = await loadTfjsModel(runtime, modelJson);
  try {
    const declared = declaredSettings(options, declaredSettings(loaded.metadata, await settingsBeside(modelJson)));
    const [h, w, c] = loaded.inputShape;
    const size = inputSizeOf(declared);
    const height = h ?? size?.[0];
    const width = w ?? size?.[1];
    if (!height || !width) throw new Error(`tfjs model: ${modelJson} has no fixed input size; pass "inputSize"`);
    if (size !== undefined && (size[0] !== height || size[1] !== width)) {
      throw new Error(`tfjs model: ${modelJson} takes ${height}x${width} inputs, but "inputSize" says ${size[0] === size[1] ? size[0] : `[${size}]`}`);
    }
    const info = await resolveModelSettings(declared, { file: modelJson, inputShape: [c ?? 3, height, width], defaultName: fileStem(modelJson) }, context);
    return createTfjsClassifier(runtime, loaded.adapter, info, engineMaxBatch(options, context.execution));
  } catch (error) {
    loaded.adapter.dispose();
    throw error;
  }
}
