/**
 * The onnx plugin's loading path with `randomize` set: the randomised copy of the model is written
 * to a temporary file that the usual loader then compiles; the file goes away with the classifier.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Classifier, ModelContext } from '@saliency-bench/core';
import { loadOnnxClassifier, type OnnxClassifierOptions } from './onnx-classifier.js';
import { declaredSettings, modelPath } from '../../settings/model-settings.js';
import { settingsBeside } from '../../settings/model-info-file.js';
import { randomizeParameters, type RandomizeOptions } from './randomize-parameters.js';

export async function loadRandomizedOnnx(options: OnnxClassifierOptions, randomize: RandomizeOptions, context: Partial<ModelContext> = {}): Promise<Classifier> {
  const path = modelPath(options.path, context.baseDir);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`${path}: cannot read the ONNX model (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path option`);
  }
  const randomized = randomizeParameters(bytes, randomize, path);
  const stem = basename(path).replace(/\.onnx$/, '');
  const dir = mkdtempSync(join(tmpdir(), 'saliency-bench-randomized-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const file = join(dir, `${stem}.onnx`);
  writeFileSync(file, randomized.bytes);
  try {
    // The files beside the original (model-info.json, classes.txt) still describe the copy.
    const declared = declaredSettings(options, await settingsBeside(path));
    const classifier = await loadOnnxClassifier({ ...options, ...declared, path: file, name: options.name ?? `${stem}-randomized-${randomize.layers}` }, context);
    return {
      ...classifier,
      async dispose() {
        await classifier.dispose();
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
