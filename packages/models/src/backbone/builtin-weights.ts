/** Where the shipped, trained weights of the built-in backbone live (packages/models/weights/builtin). */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Same relative path from src/backbone and dist/backbone. */
export const BUILTIN_WEIGHTS_DIR = fileURLToPath(new URL('../../weights/builtin/', import.meta.url));
export const BUILTIN_TFJS_MODEL = join(BUILTIN_WEIGHTS_DIR, 'model.json');
export const BUILTIN_ONNX_MODEL = join(BUILTIN_WEIGHTS_DIR, 'builtin.onnx');
export const BUILTIN_CLASSES = join(BUILTIN_WEIGHTS_DIR, 'classes.txt');
