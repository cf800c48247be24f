/**
 * Why an execution provider could not start, and what to do about it. onnxruntime only says
 * "Failed to get a WebGPU adapter"; the causes on Linux are a missing Vulkan loader
 * (libvulkan.so.1) or no Vulkan driver (ICD). Without a GPU, SwiftShader (a CPU Vulkan driver
 * shipped by Debian's chromium package) provides one.
 */
import { existsSync, readdirSync } from 'node:fs';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
export const CHROMIUM_LIBRARY_DIR = '/usr/lib/chromium';

const LOADER_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib', '/lib/x86_64-linux-gnu'];
const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

/** The environment that runs the WebGPU provider on SwiftShader (for tests and CPU-only machines). */
export function swiftShaderEnvironment(runtimeDir: string): Record<string, string> {
  return { VK_ICD_FILENAMES: SWIFTSHADER_ICD, LD_LIBRARY_PATH: CHROMIUM_LIBRARY_DIR, XDG_RUNTIME_DIR: runtimeDir };
}

export function swiftShaderInstalled(): boolean {
  return existsSync(SWIFTSHADER_ICD) && existsSync(`${CHROMIUM_LIBRARY_DIR}/libvulkan.so.1`);
}

function hasVulkanLoader(env: NodeJS.ProcessEnv): boolean {
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...LOADER_DIRS];
  return dirs.some((dir) => existsSync(`${dir}/libvulkan.so.1`));
}

function hasVulkanDriver(env: NodeJS.ProcessEnv): boolean {
  const listed = (env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES ?? '').split(':').filter(Boolean);
  if (listed.length > 0) return listed.some((file) => existsSync(file));
  return ICD_DIRS.some((dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json')));
}

/** The causes found on this machine and the fixes, for a WebGPU provider that did not start. */
export function diagnoseWebGpu(env: NodeJS.ProcessEnv = process.env): string {
  const causes: string[] = [];
  if (!hasVulkanLoader(env)) {
    causes.push(`the Vulkan loader libvulkan.so.1 is not on the library path (install libvulkan1, or set LD_LIBRARY_PATH=${CHROMIUM_LIBRARY_DIR} to use the copy Debian's chromium ships)`);
  }
  if (!hasVulkanDriver(env)) {
    causes.push(
      `no Vulkan driver is installed or listed in VK_ICD_FILENAMES (install your GPU's Vulkan driver; without a GPU, install Debian's chromium package ` +
        `(apt-get install chromium) and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD} to use SwiftShader, its CPU Vulkan driver)`,
    );
  }
  if (!env.XDG_RUNTIME_DIR) causes.push('XDG_RUNTIME_DIR is not set (set it to a writable directory, e.g. one made by mktemp -d)');
  const why = causes.length > 0 ? causes.join('; ') : 'a Vulkan loader and driver are present, so the driver found no usable device';
  return `${why}. For a CPU-only run through SwiftShader: VK_ICD_FILENAMES=${SWIFTSHADER_ICD} LD_LIBRARY_PATH=${CHROMIUM_LIBRARY_DIR} XDG_RUNTIME_DIR=$(mktemp -d). Or run on the CPU: "execution": { "provider": "cpu" }`;
}
