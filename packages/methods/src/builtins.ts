/** Built-in methods, loaded lazily so that `list` and `validate` never load a model engine. */
export const builtinMethods = {
  center: () => import('./center.js').then((m) => m.centerPlugin),
  random: () => import('./random.js').then((m) => m.randomPlugin),
} as const;

export type BuiltinMethodName = keyof typeof builtinMethods;
