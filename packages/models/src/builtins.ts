/** Built-in model plugins, loaded lazily by name. */
export const builtinModels = {
  onnx: () => import('./onnx/plugin.js').then((m) => m.onnxPlugin),
  tfjs: () => import('./tfjs/tfjs-plugin.js').then((m) => m.tfjsPlugin),
  builtin: () => import('./backbone/builtin-plugin.js').then((m) => m.builtinPlugin),
} as const;
