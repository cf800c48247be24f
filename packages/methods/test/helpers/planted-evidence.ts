/**
 * A classifier whose evidence is known, for behaviour tests that must not depend on training:
 * class k responds to pixels of colour k (a 1x1 convolution and ReLU, the "features" layer),
 * averaged over the image, then scaled. It runs as a real .onnx file in onnxruntime. Scenes put
 * one or two coloured squares away from the centre on a textured grey background, so a method
 * that finds the evidence points at the square and the centre baseline mostly misses.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Classifier, type Job, type Sample } from '@saliency-bench/core';
import { loadOnnxClassifier, OnnxGraphBuilder } from '@saliency-bench/models';

/** Class colours in [0, 1] RGB. */
export const PLANTED_COLOURS = [
  [0.95, 0.1, 0.1],
  [0.1, 0.9, 0.1],
  [0.1, 0.2, 0.95],
] as const;

export async function loadPlantedEvidenceModel(inputSize = 48): Promise<Classifier> {
  const g = new OnnxGraphBuilder({ opset: 13 });
  const k = PLANTED_COLOURS.length;
  // On normalised pixels ((v - 0.5) / 0.25), 2 * own channel - other channels is about 10 for the
  // class colour and at most about 2 for greys; the bias keeps only the class colour.
  const weights = new Float32Array(k * 3);
  for (let c = 0; c < k; c++) for (let i = 0; i < 3; i++) weights[c * 3 + i] = i === c ? 2 : -1;
  const x = g.input('input', ['N', 3, inputSize, inputSize]);
  const conv = g.node('Conv', [x, g.initializer('detector', weights, [k, 3, 1, 1]), g.initializer('threshold', new Float32Array(k).fill(-4), [k])]);
  const features = g.node('Relu', [conv], {}, { name: 'features' });
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [features])], { axis: 1 });
  const scale = new Float32Array(k * k);
  for (let c = 0; c < k; c++) scale[c * k + c] = 60;
  g.output(g.node('Gemm', [pooled, g.initializer('scale', scale, [k, k]), g.initializer('offset', new Float32Array(k).fill(-2), [k])]), 'logits');
  const path = join(mkdtempSync(join(tmpdir(), 'planted-')), 'planted.onnx');
  writeFileSync(path, g.toBytes());
  return loadOnnxClassifier({ path, classes: ['red', 'green', 'blue'], activation: 'sigmoid', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], threads: 1 });
}

/** Scene i: 96 x 96, one or two squares of distinct classes, centres at least 28 px from the image centre. */
export function plantedScene(i: number, size = 96): Sample {
  const random = createRandom('planted-scene', i);
  const plane = size * size;
  const image = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    const grey = 0.3 + 0.25 * random.uniform();
    for (let c = 0; c < 3; c++) image[c * plane + p] = grey + 0.03 * random.uniform();
  }
  const count = 1 + (i % 2);
  const first = Math.floor(random.uniform() * PLANTED_COLOURS.length);
  const objects: Sample['objects'] = [];
  const centre = size / 2;
  for (let o = 0; o < count; o++) {
    const classIndex = (first + o) % PLANTED_COLOURS.length;
    const side = 12 + Math.floor(random.uniform() * 8);
    let x0 = 0;
    let y0 = 0;
    for (let attempt = 0; attempt < 100; attempt++) {
      x0 = Math.floor(random.uniform() * (size - side));
      y0 = Math.floor(random.uniform() * (size - side));
      const far = Math.hypot(x0 + side / 2 - centre, y0 + side / 2 - centre) >= 28;
      const apart = objects.every((b) => x0 > b.box[2] + 4 || x0 + side < b.box[0] - 4 || y0 > b.box[3] + 4 || y0 + side < b.box[1] - 4);
      if (far && apart) break;
    }
    for (let y = y0; y < y0 + side; y++) {
      for (let x = x0; x < x0 + side; x++) for (let c = 0; c < 3; c++) image[c * plane + y * size + x] = PLANTED_COLOURS[classIndex][c];
    }
    objects.push({ classIndex, box: [x0, y0, x0 + side - 1, y0 + side - 1], difficult: false });
  }
  return { id: `planted-${i}`, image, width: size, height: size, labels: objects.map((o) => o.classIndex), objects };
}

/** One job per (scene, object class). */
export function plantedJobs(count: number): Job[] {
  return Array.from({ length: count }, (_, i) => plantedScene(i)).flatMap((sample) =>
    sample.labels.map((classIndex) => ({ sample, classIndex, key: `${sample.id}__${classIndex}` })),
  );
}
