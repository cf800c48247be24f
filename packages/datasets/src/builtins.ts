/** Built-in datasets, loaded lazily by name. */
export const builtinDatasets = {
  synthetic: () => import('./synthetic/plugin.js').then((m) => m.syntheticPlugin),
} as const;
