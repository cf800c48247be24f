import { describe, expect, it } from 'vitest';
import { TIE_CASES, tieRoutingError } from './onnx-support/max-pool-ties.js';

describe('MaxPool gradient (no Indices output) on tied maxima', () => {
  for (const [name, attributes] of TIE_CASES) {
    it(`routes each window's gradient to the cell onnxruntime's Indices picks, ${name}`, async () => {
      const { error, tiedWindows } = await tieRoutingError(attributes, ['cpu']);
      expect(tiedWindows).toBeGreaterThan(5);
      // Sums of at most a few float32 values in another order: round-off only.
      expect(error).toBeLessThan(1e-6);
    });
  }
});
