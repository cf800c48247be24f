import { defineConfig } from 'vitest/config';

// The CI machine has 2 cores; numeric tests (finite differences, real ONNX sessions) need headroom.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } });
