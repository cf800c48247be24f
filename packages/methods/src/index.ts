export { builtinMethods, type BuiltinMethodName } from './builtins.js';
export { centerMap, centerPlugin, type CenterOptions } from './center.js';
export { randomPlugin } from './random.js';
