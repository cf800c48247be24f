/**
 * Builds the built-in backbone as a tfjs-layers Sequential model (NHWC input, logits output):
 * conv3x3 (stride 2) + batch norm + ReLU, [conv3x3 + BN + ReLU + maxpool2] x3, conv3x3 + BN + ReLU,
 * global average pool, dense K (see backbone-spec.ts).
 * Batch norm makes the small net train in a few epochs; the ONNX export folds it into the convs.
 */
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import { BACKBONE_CHANNELS, BACKBONE_INPUT_SIZE, BACKBONE_STEM_STRIDE, backboneConvName, backbonePoolsAfter } from './backbone-spec.js';

export interface BackboneOptions {
  classes: number;
  inputSize?: number;
  channels?: readonly number[];
  /** Stride of the first conv (1 or 2). */
  stemStride?: number;
  /** Seed of the weight initialisers. */
  seed?: number;
}

export function createBackbone(runtime: TfjsRuntime, options: BackboneOptions) {
  const { layers } = runtime;
  const size = options.inputSize ?? BACKBONE_INPUT_SIZE;
  const channels = options.channels ?? BACKBONE_CHANNELS;
  const seed = options.seed ?? 0;
  const stemStride = options.stemStride ?? BACKBONE_STEM_STRIDE;
  if (!Number.isInteger(options.classes) || options.classes < 1) {
    throw new Error(`backbone: "classes" must be a positive integer, got ${options.classes}`);
  }
  const model = layers.sequential({ name: 'builtin_cnn' });
  channels.forEach((filters, index) => {
    const name = backboneConvName(index + 1);
    model.add(
      layers.layers.conv2d({
        name: `${name}_conv`,
        ...(index === 0 ? { inputShape: [size, size, 3] } : {}),
        filters,
        kernelSize: 3,
        strides: index === 0 ? stemStride : 1,
        padding: 'same',
        useBias: false,
        // tfjs treats seed 0 as "no seed", hence the + 1.
        kernelInitializer: layers.initializers.heNormal({ seed: seed * 100 + index + 1 }),
      }),
    );
    model.add(layers.layers.batchNormalization({ name: `${name}_bn`, momentum: 0.9, epsilon: 1e-5 }));
    // The ReLU carries the block's name: the activation Grad-CAM and the ONNX export refer to.
    model.add(layers.layers.activation({ name, activation: 'relu' }));
    if (backbonePoolsAfter(index, channels.length, stemStride)) model.add(layers.layers.maxPooling2d({ name: `pool${index + 1}`, poolSize: 2 }));
  });
  model.add(layers.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(
    layers.layers.dense({
      name: 'logits',
      units: options.classes,
      kernelInitializer: layers.initializers.glorotUniform({ seed: seed * 100 + 99 }),
    }),
  );
  return model;
}
