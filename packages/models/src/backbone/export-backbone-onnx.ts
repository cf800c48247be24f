/**
 * Exports the built-in backbone (a tfjs-layers Sequential of Conv2D+ReLU, MaxPooling2D,
 * GlobalAveragePooling2D and Dense) to ONNX with the project's graph builder. Layouts change on
 * the way: tfjs kernels are [kh, kw, ci, co], ONNX Conv weights [co, ci, kh, kw]; the graph takes
 * NCHW input; each batch norm is folded into the conv before it. Each block's ReLU output is named
 * like the tfjs ReLU layer (conv1, conv2, ...), so one layer name selects the same activation in
 * both engines.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { OnnxGraphBuilder } from '../onnx/compiler/graph-builder.js';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';

type LayerConfig = Record<string, unknown>;
const pair = (value: unknown): number[] => (Array.isArray(value) ? value : [value, value]) as number[];

function unsupported(layer: TfLayers.layers.Layer, why: string): never {
  throw new Error(`ONNX export: layer "${layer.name}" (${layer.getClassName()}) ${why}; only the built-in backbone's layers are supported`);
}

/**
 * TensorFlow's "same" padding as ONNX pads [top, left, bottom, right]: the output has
 * ceil(in / stride) positions and the odd pixel of padding, if any, goes at the end.
 */
export function samePads(input: number[], kernel: number[], strides: number[]): number[] {
  const before: number[] = [];
  const after: number[] = [];
  input.forEach((size, axis) => {
    const out = Math.ceil(size / strides[axis]);
    const total = Math.max((out - 1) * strides[axis] + kernel[axis] - size, 0);
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  });
  return [...before, ...after];
}

export function exportBackboneOnnx(runtime: TfjsRuntime, model: TfLayers.LayersModel): Uint8Array {
  const { tf } = runtime;
  const [, h, w, c] = model.inputs[0].shape as number[];
  const g = new OnnxGraphBuilder({ opset: 13, name: model.name });
  let x = g.input('input', ['batch', c, h, w]);
  const weights = (layer: TfLayers.layers.Layer) => layer.getWeights().map((t) => t.dataSync() as Float32Array);
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const config = layer.getConfig() as LayerConfig;
    switch (layer.getClassName()) {
      case 'Conv2D': {
        const [kh, kw] = pair(config.kernelSize);
        const strides = pair(config.strides);
        if (config.padding !== 'same' || pair(config.dilationRate).some((d) => d !== 1)) {
          unsupported(layer, 'is not a same-padded, undilated convolution');
        }
        if (config.activation !== 'linear') unsupported(layer, 'has a fused activation; expected conv, batch norm, relu layers');
        const [kernel, convBias] = layer.getWeights();
        const [, , ci, co] = kernel.shape;
        // Fold an inference-mode batch norm that follows: y = (conv + b - mean) * gamma / sqrt(var + eps) + beta.
        const next = layers[i + 1];
        const bn = next?.getClassName() === 'BatchNormalization' ? next : undefined;
        const { ochw, bias } = tf.tidy(() => {
          let w = tf.transpose(kernel, [3, 2, 0, 1]);
          let b = convBias ?? tf.zeros([co]);
          if (bn) {
            const bnConfig = bn.getConfig() as LayerConfig;
            const [gamma, beta, movingMean, movingVariance] = bn.getWeights();
            if (!bnConfig.center || !bnConfig.scale || gamma === undefined || beta === undefined) unsupported(bn, 'lacks gamma or beta');
            const scale = tf.div(gamma, tf.sqrt(tf.add(movingVariance, bnConfig.epsilon as number)));
            w = tf.mul(w, tf.reshape(scale, [co, 1, 1, 1]));
            b = tf.add(tf.mul(tf.sub(b, movingMean), scale), beta);
          }
          return { ochw: w.dataSync() as Float32Array, bias: b.dataSync() as Float32Array };
        });
        if (bn) i++;
        const relu = layers[i + 1];
        if (relu?.getClassName() !== 'Activation' || (relu.getConfig() as LayerConfig).activation !== 'relu') {
          unsupported(layer, 'is not followed by a relu activation layer');
        }
        i++;
        const W = g.initializer(`${relu.name}.weight`, ochw, [co, ci, kh, kw]);
        const b = g.initializer(`${relu.name}.bias`, bias, [co]);
        const [, inH, inW] = (layer.input as TfLayers.SymbolicTensor).shape as number[];
        const pads = samePads([inH, inW], [kh, kw], strides);
        const conv = g.node('Conv', [x, W, b], { kernel_shape: [kh, kw], pads, strides }, { name: `${relu.name}_conv`, outputs: [`${relu.name}_pre`] });
        x = g.node('Relu', [conv], {}, { name: relu.name, outputs: [relu.name] });
        break;
      }
      case 'MaxPooling2D': {
        if (config.padding !== 'valid') unsupported(layer, 'is not valid-padded');
        x = g.node('MaxPool', [x], { kernel_shape: pair(config.poolSize), strides: pair(config.strides) }, { name: layer.name, outputs: [layer.name] });
        break;
      }
      case 'GlobalAveragePooling2D': {
        const pooled = g.node('GlobalAveragePool', [x], {}, { name: layer.name, outputs: [layer.name] });
        x = g.node('Flatten', [pooled], { axis: 1 }, { name: `${layer.name}_flatten`, outputs: [`${layer.name}_flat`] });
        break;
      }
      case 'Dense': {
        if (config.activation !== 'linear') unsupported(layer, 'has an activation; the backbone outputs logits');
        const [kernel, bias] = weights(layer);
        const [ci, k] = layer.getWeights()[0].shape;
        const W = g.initializer(`${layer.name}.weight`, kernel, [ci, k]);
        const b = g.initializer(`${layer.name}.bias`, bias, [k]);
        x = g.node('Gemm', [x, W, b], {}, { name: layer.name, outputs: ['logits_out'] });
        break;
      }
      default:
        unsupported(layer, 'has no ONNX mapping');
    }
  }
  g.output(x, 'logits');
  return g.toBytes();
}
