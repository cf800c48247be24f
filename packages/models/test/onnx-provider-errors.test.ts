import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceResNet } from '../src/onnx/testing/reference-networks.js';
import { classNames, writeModel } from './onnx-support/gradcheck.js';

describe('a provider that cannot start', () => {
  it('names webgpu, the cause, the variables to set and the cpu fallback when no Vulkan driver is found', () => {
    const path = writeModel(referenceResNet(18, { inputSize: 32, classes: 3, width: 0.0625, seed: 'no-gpu' }).toBytes());
    const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { loadOnnxClassifier } = await import(${JSON.stringify(index)});
      try { await loadOnnxClassifier({ path: ${JSON.stringify(path)}, classes: ${JSON.stringify(classNames(3))}, executionProviders: ['webgpu'] }); console.log('started'); }
      catch (error) { console.log(error.message); }`;
    // A driver list that names no file: no Vulkan device, on any machine.
    const env: NodeJS.ProcessEnv = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', LD_LIBRARY_PATH: '' };
    delete env.XDG_RUNTIME_DIR;
    const message = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] });
    expect(message).toContain(`${path}: the webgpu execution provider could not start`);
    expect(message).toContain('no Vulkan driver is installed or listed in VK_ICD_FILENAMES');
    expect(message).toContain('VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json');
    expect(message).toContain('XDG_RUNTIME_DIR is not set');
    expect(message).toContain('"provider": "cpu"');
  });
});
