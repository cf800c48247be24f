/**
 * The value Grad-CAM uses when the spec says `layer: "auto"`: the last 4-D activation (N, C, H, W)
 * with a spatial extent, in topological order (for a CNN, the last conv block's output before
 * global pooling), as TorchRay and pytorch-grad-cam pick the last convolutional feature map.
 */
import type { AnalyzedGraph } from './graph-analysis.js';

export function lastSpatialActivation(analyzed: AnalyzedGraph, source: string): string {
  for (let i = analyzed.nodes.length - 1; i >= 0; i--) {
    const value = analyzed.nodes[i].outputs[0];
    const shape = analyzed.facts.get(value)?.shape;
    if (!shape || analyzed.constants.has(value) || shape.length !== 4) continue;
    const [, , height, width] = shape;
    if (typeof height === 'number' && typeof width === 'number' && height * width > 1) return value;
  }
  throw new Error(`${source}: no 4-D spatial activation to use for layer "auto"; name a layer explicitly`);
}
