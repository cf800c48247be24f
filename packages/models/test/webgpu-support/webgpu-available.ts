/**
 * Whether the WebGPU tests can run here: SwiftShader from Debian's chromium (CI installs it) or
 * a GPU is assumed present when the chromium files exist. SALIENCY_BENCH_REQUIRE_WEBGPU=1 (set
 * by .ci/run) turns a missing SwiftShader into a failure instead of a skip.
 */
import { swiftShaderInstalled, SWIFTSHADER_ICD } from '../../src/onnx/runtime/provider-diagnosis.js';

export function webGpuAvailable(): boolean {
  if (swiftShaderInstalled()) return true;
  if (process.env.SALIENCY_BENCH_REQUIRE_WEBGPU === '1') {
    throw new Error(`the WebGPU tests need SwiftShader (${SWIFTSHADER_ICD}): apt-get install chromium`);
  }
  console.warn(`skipping the WebGPU tests: ${SWIFTSHADER_ICD} is missing (apt-get install chromium)`);
  return false;
}
