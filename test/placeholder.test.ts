import { expect, it } from 'vitest';
it('has the workspace packages linked', async () => {
  const core = await import('@saliency-bench/core');
  expect(typeof core.defineMethod).toBe('function');
});
