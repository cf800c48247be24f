export { builtinMetrics, type BuiltinMetricName } from './builtins.js';
export { pointingGamePlugin, pointingAccuracy, type PointingGameOptions } from './pointing-game.js';
export { energyPointingGamePlugin, type EnergyPointingGameOptions } from './energy-pointing-game.js';
export { insertionPlugin, type InsertionOptions } from './insertion.js';
export { deletionPlugin, type DeletionOptions } from './deletion.js';
export { classDistortionPlugin, classDistortionScore, binaryKl, type ClassDistortionOptions } from './class-distortion.js';
export { areaUnderCurve, perturbationCurve, saliencyOrder, stepCount } from './perturbation-curve.js';
export { coarseCurve, resampleCurve, REPORT_CURVE_POINTS } from './coarse-curve.js';
