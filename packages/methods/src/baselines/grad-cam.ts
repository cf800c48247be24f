/**
 * Grad-CAM (Selvaraju et al., ICCV 2017), as TorchRay computes it: channel weights are the
 * spatial mean of d logit_t / dA for a named activation A; map = relu(sum_c w_c A_c), resized
 * bilinearly to the model input.
 */
import { defineMethod, resizeMap, type Attribution, type Classifier } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { throwIfAborted } from '../common/abort.js';
import { jobBatches, resolveBatchSize } from '../common/job-batches.js';
import { requireModel } from '../common/require-model.js';
import { oneHotRows, stackInputs } from '../common/stack-inputs.js';

const gradCamSchema = Type.Object(
  {
    layer: Type.String({
      minLength: 1,
      description: "Name of the intermediate tensor (a 4-D activation NCHW); 'auto' lets the engine pick its last spatial feature map.",
    }),
    masksPerBatch: Type.Integer({ minimum: 0, description: "Jobs per model call; 0 uses the run's batch size." }),
  },
  { additionalProperties: false },
);

export type GradCamOptions = Static<typeof gradCamSchema>;

/** relu(sum_c mean(gradient_c) * activation_c) of row j, at the layer's resolution. */
export function gradCamMap(activation: Float32Array, gradient: Float32Array, shape: number[], j: number): Float32Array {
  const [, channels, lh, lw] = shape;
  const plane = lh * lw;
  const cam = new Float32Array(plane);
  for (let c = 0; c < channels; c++) {
    const base = (j * channels + c) * plane;
    let weight = 0;
    for (let i = 0; i < plane; i++) weight += gradient[base + i];
    weight /= plane;
    for (let i = 0; i < plane; i++) cam[i] += weight * activation[base + i];
  }
  for (let i = 0; i < plane; i++) cam[i] = Math.max(0, cam[i]);
  return cam;
}

function intermediateOf(model: Classifier): NonNullable<Classifier['intermediate']> {
  if (typeof model.intermediate !== 'function') {
    throw new Error(
      `method "gradcam": model ${model.info.name} does not expose intermediate activations (Classifier.intermediate); ` +
        'use an engine that provides them or drop gradcam from the spec',
    );
  }
  return model.intermediate.bind(model);
}

export const gradCamPlugin = defineMethod<GradCamOptions>({
  name: 'gradcam',
  version: '1',
  description: 'Grad-CAM: gradient-weighted activations of a named layer, rectified and resized to the input.',
  needsModel: true,
  schema: gradCamSchema,
  defaults: { layer: 'auto', masksPerBatch: 0 },
  create(options) {
    const { layer } = options;
    return {
      async explain(jobs, ctx) {
        const model = requireModel(ctx, 'gradcam');
        const intermediate = intermediateOf(model);
        const [, h, w] = model.info.inputShape;
        const out: Attribution[] = [];
        for (const batch of jobBatches(jobs, resolveBatchSize(options.masksPerBatch, ctx.batchSize))) {
          throwIfAborted(ctx.signal);
          const g = oneHotRows(batch, model.info.classes.length, 'gradcam', model.info.name);
          const result = await intermediate(stackInputs(batch, model.info), batch.length, layer, g).catch((error: unknown) => {
            if (layer !== 'auto') throw error;
            throw new Error(
              `method "gradcam": model ${model.info.name} cannot pick a layer by itself (${(error as Error).message}); ` +
                'set options.layer to a 4-D activation, e.g. the last convolutional block (the built-in backbone: "conv5")',
            );
          });
          if (result.shape.length !== 4) {
            throw new Error(`method "gradcam": layer "${layer}" of model ${model.info.name} has shape [${result.shape.join(', ')}], expected NCHW`);
          }
          const [, , lh, lw] = result.shape;
          batch.forEach((_, j) => {
            const cam = gradCamMap(result.activation, result.gradient, result.shape, j);
            out.push({ map: resizeMap(cam, lh, lw, h, w), height: h, width: w });
          });
        }
        return out;
      },
    };
  },
});
