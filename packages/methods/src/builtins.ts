/** Built-in methods, loaded lazily so that `list` and `validate` never load a model engine. */
export const builtinMethods = {
  center: () => import('./center.js').then((m) => m.centerPlugin),
  random: () => import('./random.js').then((m) => m.randomPlugin),
  rp: () => import('./rp/robust-perturbation.js').then((m) => m.robustPerturbationPlugin),
  mp: () => import('./mp/meaningful-perturbation.js').then((m) => m.meaningfulPerturbationPlugin),
  ep: () => import('./ep/extremal-perturbation.js').then((m) => m.extremalPerturbationPlugin),
  gradient: () => import('./baselines/gradient.js').then((m) => m.gradientPlugin),
  rise: () => import('./baselines/rise.js').then((m) => m.risePlugin),
  gradcam: () => import('./baselines/grad-cam.js').then((m) => m.gradCamPlugin),
} as const;

export type BuiltinMethodName = keyof typeof builtinMethods;
