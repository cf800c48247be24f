export { resizeBilinear, resizeMap } from './resize.js';
export { gaussianBlur, gaussianKernel } from './gaussian-blur.js';
export { convolveSeparable, type ConvolutionBorder } from './convolve-separable.js';
export { medianBlur } from './median-blur.js';
export { normalize, denormalize, minMaxNormalize } from './normalize.js';
export { toModelInput } from './to-model-input.js';
export { IMAGENET_MEAN, IMAGENET_STD } from './imagenet.js';
export { Resampler, type FloatArray, type ResamplePrecision } from './resampler.js';
export { resampleTaps, type ResampleMode, type ResampleTaps } from './resample-taps.js';
