// Child process of the WebGPU tests (the Vulkan environment must be set before the process
// starts): loads a model on the WebGPU provider with onnxruntime's verbose log, runs forward, vjp
// and intermediate('auto') (one session per compiled graph), and writes the results as raw
// float32 files. The log, on stderr, says where each node of each session went.
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { loadOnnxClassifier } from '../../dist/index.js';

const { job, control } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const floats = (file) => { const b = readFileSync(file); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };

// A control the placement check must catch: Det has no WebGPU kernel, so it runs on the CPU.
await ort.InferenceSession.create(readFileSync(control), { executionProviders: ['webgpu'], logSeverityLevel: 0, logId: 'control' });

const started = Date.now();
const model = await loadOnnxClassifier({ path: job.path, classes: job.classes, executionProviders: ['webgpu'], logLevel: 'verbose' });
const x = floats(job.x);
const g = floats(job.g);
const logits = await model.forward(x, job.n);
const vjp = await model.vjp(x, job.n, g);
const layerGradient = (await model.intermediate(x, job.n, 'auto', g)).gradient;
const results = { logits, vjpLogits: vjp.logits, gInput: vjp.gInput, layerGradient };
await model.dispose();
for (const [name, values] of Object.entries(results)) {
  writeFileSync(`${job.out}.${name}.bin`, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
}
console.log(JSON.stringify({ ms: Date.now() - started }));
