/**
 * The built-in backbone: a small VGG-style CNN for the synthetic dataset, multi-label (one sigmoid
 * per class). Stated once here so training, the tfjs and the ONNX exports all agree.
 */
export const BACKBONE_NAME = 'builtin-cnn';
export const BACKBONE_VERSION = '2';

/** Square input side in pixels; synthetic images are rendered at this size for training. */
export const BACKBONE_INPUT_SIZE = 96;

/** Output channels of the 3x3 conv blocks. */
export const BACKBONE_CHANNELS: readonly number[] = [16, 32, 64, 128, 128];

/**
 * Stride of the first conv. With 2 the stem halves the image at once and blocks 2 to n-1 end with
 * a 2x2 max pool; with 1 every block but the last does. Both reach the same final grid.
 */
export const BACKBONE_STEM_STRIDE = 2;

/** Whether block `index` (0-based) of `count` ends with a 2x2 max pool. */
export function backbonePoolsAfter(index: number, count: number, stemStride: number): boolean {
  return index < count - 1 && !(index === 0 && stemStride > 1);
}

/** Per-channel normalisation x_model = (x - mean) / std, for images in [0, 1]. */
export const BACKBONE_MEAN: readonly number[] = [0.5, 0.5, 0.5];
export const BACKBONE_STD: readonly number[] = [0.25, 0.25, 0.25];

/** Name of conv block i (1-based); the last block's output is the Grad-CAM layer. */
export const backboneConvName = (block: number): string => `conv${block}`;
export const BACKBONE_GRADCAM_LAYER = backboneConvName(BACKBONE_CHANNELS.length);
