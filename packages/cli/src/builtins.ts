/** The built-in plugin tables, from each package's light "builtins" entry (no compute library loads). */
import type { BuiltinTables } from '@saliency-bench/core';
import { builtinDatasets } from '@saliency-bench/datasets/builtins';
import { builtinModels } from '@saliency-bench/models/builtins';
import { builtinMethods } from '@saliency-bench/methods/builtins';
import { builtinMetrics } from '@saliency-bench/metrics/builtins';

export const builtins: BuiltinTables = {
  dataset: builtinDatasets,
  model: builtinModels,
  method: builtinMethods,
  metric: builtinMetrics,
};
