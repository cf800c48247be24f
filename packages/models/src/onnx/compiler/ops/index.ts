/**
 * The operator table: every op the ONNX engine can load (and differentiate, where a rule has a
 * grad). Each rule names its op; the order here is the order of the docs' op list.
 */
import { clip, dropout, identity, leakyRelu, relu, sigmoid, tanh } from './activations.js';
import { concat, pad } from './concat-pad.js';
import { cast, constant, constantOfShape, shape } from './constant-ops.js';
import { gather, slice, split } from './gather-slice.js';
import { conv } from './conv.js';
import { add, div, mul, sub } from './elementwise.js';
import { gemm, matMul } from './linear.js';
import { batchNormalization, lrn } from './normalization.js';
import { opTable, type OpTable } from './op-rule.js';
import { averagePool, globalAveragePool } from './pooling.js';
import { maxPool } from './max-pool.js';
import { flatten, reshape, squeeze, transpose, unsqueeze } from './reshaping.js';
import { reduceMean, softmax } from './softmax-reduce.js';

export const opRules: OpTable = opTable([
  conv, relu, leakyRelu, clip, sigmoid, tanh,
  maxPool, averagePool, globalAveragePool,
  batchNormalization, lrn,
  add, sub, mul, div,
  concat, flatten, reshape, transpose, squeeze, unsqueeze,
  gemm, matMul,
  dropout, identity, pad, softmax, reduceMean,
  constant, shape, gather, slice, split, cast, constantOfShape,
]);
