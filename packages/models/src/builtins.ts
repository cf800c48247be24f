/** Built-in model plugins, loaded lazily by name. */
export const builtinModels = {
  onnx: () => import('./onnx/plugin.js').then((m) => m.onnxPlugin),
} as const;
