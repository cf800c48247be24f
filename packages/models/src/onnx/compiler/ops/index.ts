/** The operator table: every op the ONNX engine can load (and differentiate, where a grad exists). */
import { clip, identity, leakyRelu, relu, sigmoid, tanh } from './activations.js';
import { concat, pad } from './concat-pad.js';
import { cast, constant, constantOfShape, shape } from './constant-ops.js';
import { gather, slice, split } from './gather-slice.js';
import { conv } from './conv.js';
import { add, div, mul, sub } from './elementwise.js';
import { gemm, matMul } from './linear.js';
import { batchNormalization, lrn } from './normalization.js';
import type { OpRule } from './op-rule.js';
import { averagePool, globalAveragePool } from './pooling.js';
import { maxPool } from './max-pool.js';
import { flatten, reshape, squeeze, transpose, unsqueeze } from './reshaping.js';
import { reduceMean, softmax } from './softmax-reduce.js';

export const opRules: ReadonlyMap<string, OpRule> = new Map(Object.entries({
  Conv: conv,
  Relu: relu,
  LeakyRelu: leakyRelu,
  Clip: clip,
  Sigmoid: sigmoid,
  Tanh: tanh,
  MaxPool: maxPool,
  AveragePool: averagePool,
  GlobalAveragePool: globalAveragePool,
  BatchNormalization: batchNormalization,
  LRN: lrn,
  Add: add,
  Sub: sub,
  Mul: mul,
  Div: div,
  Concat: concat,
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gemm: gemm,
  MatMul: matMul,
  Dropout: identity,
  Identity: identity,
  Pad: pad,
  Softmax: softmax,
  ReduceMean: reduceMean,
  Constant: constant,
  Shape: shape,
  Gather: gather,
  Slice: slice,
  Split: split,
  Cast: cast,
  ConstantOfShape: constantOfShape,
}));

/** Ops that carry gradients, for the docs and error messages. */
export const differentiableOps = [...opRules].filter(([, rule]) => rule.grad).map(([name]) => name);
