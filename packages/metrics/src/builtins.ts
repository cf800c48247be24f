/** Built-in metrics, loaded lazily so that `list` and `validate` stay light. */
export const builtinMetrics = {
  'pointing-game': () => import('./pointing-game.js').then((m) => m.pointingGamePlugin),
  'energy-pointing-game': () => import('./energy-pointing-game.js').then((m) => m.energyPointingGamePlugin),
  insertion: () => import('./insertion.js').then((m) => m.insertionPlugin),
  deletion: () => import('./deletion.js').then((m) => m.deletionPlugin),
  'class-distortion': () => import('./class-distortion.js').then((m) => m.classDistortionPlugin),
} as const;

export type BuiltinMetricName = keyof typeof builtinMetrics;
