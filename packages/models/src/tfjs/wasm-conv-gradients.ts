/**
 * The wasm backend has no Conv2DBackpropFilter kernel (training fails without it) and a slow,
 * unvectorised Conv2DBackpropInput. Both gradients are convolutions themselves, so we register
 * kernels that express them as forward conv2d calls, which the wasm backend runs through XNNPACK.
 *
 *   dW[a,b,ci,co] = sum_{n,y,x} xpad[n, y*s+a, x*s+b, ci] * dy[n,y,x,co]
 *     = conv2d(xpad^T [ci,H,W,n], dy^T [oh,ow,n,co], dilation s)      (batch <-> channel swap)
 *   dx = conv2d(pad(dy), flip(W)^T [kh,kw,co,ci])                       (stride 1 only)
 */
import type * as Tf from '@tensorflow/tfjs-core';
import { copyOutput, wrapInput, type WasmBackendLike } from './wasm-kernel-tensors.js';

type TensorInfo = Tf.TensorInfo;
type Attributes = Record<string, unknown>;

let registered = false;

/** Registers the kernels once per process; the cpu and tensorflow backends are left alone. */
export function registerWasmConvGradients(tf: typeof Tf): void {
  if (registered) return;
  registered = true;

  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const wasm = backend as unknown as WasmBackendLike;
        const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
        const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as Attributes as {
          strides: [number, number] | number;
          pad: 'valid' | 'same' | number | Tf.backend_util.ExplicitPadding;
          dataFormat: string;
          dimRoundingMode?: 'floor' | 'round' | 'ceil';
          filterShape: [number, number, number, number];
        };
        if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm): only NHWC is supported, got ${dataFormat}`);
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
        const [kh, kw, ci, co] = filterShape;
        const result = tf.tidy(() => {
          const xs = wrapInput(tf, wasm, x) as Tf.Tensor4D;
          const dys = wrapInput(tf, wasm, dy) as Tf.Tensor4D;
          const { top, bottom, left, right } = info.padInfo;
          const padded = tf.pad(xs, [[0, 0], [top, bottom], [left, right], [0, 0]]);
          const xt = tf.transpose(padded, [3, 1, 2, 0]);
          const dyt = tf.transpose(dys, [1, 2, 0, 3]);
          const full = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
          const cropped = tf.slice(full, [0, 0, 0, 0], [ci, kh, kw, co]);
          return tf.transpose(cropped, [1, 2, 0, 3]);
        });
        return copyOutput(wasm, result);
      },
    });
  }

  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (original !== undefined) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({
      kernelName: 'Conv2DBackpropInput',
      backendName: 'wasm',
      // The original's setup binds its wasm function; keep it for the strided fallback.
      setupFunc: original.setupFunc,
      disposeFunc: original.disposeFunc,
      kernelFunc: (args) => {
        const wasm = args.backend as unknown as WasmBackendLike;
        const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
        const { inputShape, strides, pad, dataFormat, dimRoundingMode } = args.attrs as Attributes as {
          inputShape: [number, number, number, number];
          strides: [number, number] | number;
          pad: 'valid' | 'same' | number | Tf.backend_util.ExplicitPadding;
          dataFormat: string;
          dimRoundingMode?: 'floor' | 'round' | 'ceil';
        };
        const fshape = filter.shape as [number, number, number, number];
        const info = tf.backend_util.computeConv2DInfo(inputShape, fshape, strides, 1, pad, dimRoundingMode);
        const [kh, kw] = fshape;
        const { top, left } = info.padInfo;
        const before = [kh - 1 - top, kw - 1 - left];
        const after = [inputShape[1] - info.outHeight + top, inputShape[2] - info.outWidth + left];
        const unsupported = dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1 ||
          [...before, ...after].some((p) => p < 0);
        if (unsupported) return original.kernelFunc(args) as TensorInfo;
        const result = tf.tidy(() => {
          const dys = wrapInput(tf, wasm, dy) as Tf.Tensor4D;
          const w = wrapInput(tf, wasm, filter) as Tf.Tensor4D;
          const padded = tf.pad(dys, [[0, 0], [before[0], after[0]], [before[1], after[1]], [0, 0]]);
          const flipped = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as Tf.Tensor4D;
          return tf.conv2d(padded, flipped, 1, 'valid');
        });
        return copyOutput(wasm, result);
      },
    });
  }
}
