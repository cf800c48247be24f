#!/usr/bin/env node
/**
 * Render the Kubernetes manifests of one benchmark run: a ConfigMap holding the spec (and the
 * plugin files beside it), the Indexed Job of the shards and the merge Job.
 *
 *   node deploy/kubernetes/render.mjs <spec.json> <shards> --image <image> [options] > run.yaml
 *   kubectl apply -f run.yaml
 *
 * The templates (shards-job.yaml, merge-job.yaml) use ${VAR} placeholders, so envsubst works too.
 * No dependencies: it runs from a fresh checkout before `npm ci`.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';

const usage = `usage: node deploy/kubernetes/render.mjs <spec.json> <shards> [options] > run.yaml
  --image <ref>        container image built from deploy/Dockerfile (default saliency-bench:0.1.0)
  --name <name>        run name: Job names and /runs/<name> (default: the spec's name)
  --claim <pvc>        ReadWriteMany PersistentVolumeClaim mounted at /runs (default saliency-bench-runs)
  --parallelism <n>    pods at once (default: all shards)
  --gpus <n>           nvidia.com/gpu per pod (default 1; 0 for CPU-only)
  --cpus <n>           CPU request per pod (default 8)
  --memory <qty>       memory per pod (default 32Gi)
  --wait-hours <h>     how long the merge Job waits for the shards (default 72)`;

export function render(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      image: { type: 'string', default: 'saliency-bench:0.1.0' },
      name: { type: 'string' },
      claim: { type: 'string', default: 'saliency-bench-runs' },
      parallelism: { type: 'string' },
      gpus: { type: 'string', default: '1' },
      cpus: { type: 'string', default: '8' },
      memory: { type: 'string', default: '32Gi' },
      'wait-hours': { type: 'string', default: '72' },
    },
  });
  if (positionals.length !== 2) fail('expected <spec.json> and <shards>');
  const [specPath, shards] = positionals;
  const specText = readText(specPath);
  let spec;
  try {
    spec = JSON.parse(specText);
  } catch (error) {
    fail(`${specPath} is not JSON: ${error.message}`);
  }
  const name = values.name ?? String(spec.name ?? basename(specPath, '.json')).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  // Pods are named <name>-shards-<index>-<5 chars>, and a label value holds at most 63.
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) || name.length > 40) fail(`--name "${name}" must be lower-case letters, digits and '-', at most 40 characters`);
  const count = positiveInteger('shards', shards);
  const variables = {
    NAME: name,
    SHARDS: String(count),
    PARALLELISM: String(values.parallelism === undefined ? count : positiveInteger('--parallelism', values.parallelism)),
    IMAGE: values.image,
    CLAIM: values.claim,
    GPUS: String(nonNegativeInteger('--gpus', values.gpus)),
    CPUS: values.cpus,
    MEMORY: values.memory,
    WAIT_SECONDS: String(Math.round(Number(values['wait-hours']) * 3600)),
  };
  if (!(Number(variables.WAIT_SECONDS) > 0)) fail(`--wait-hours must be a positive number (got "${values['wait-hours']}")`);
  const here = dirname(new URL(import.meta.url).pathname);
  const documents = [specConfigMap(name, specPath, specText, spec), ...['shards-job.yaml', 'merge-job.yaml'].map((file) => substitute(readText(join(here, file)), variables, file))];
  return documents.join('---\n');
}

/** The spec as /spec/spec.json, with the local plugin files it lists beside it. */
function specConfigMap(name, specPath, specText, spec) {
  const files = { 'spec.json': specText };
  for (const plugin of spec.plugins ?? []) {
    if (!plugin.startsWith('.') && !isAbsolute(plugin)) continue; // a package: it must be in the image
    if (isAbsolute(plugin) || dirname(plugin) !== '.') {
      fail(`plugin "${plugin}" is not a file beside the spec; copy it next to ${basename(specPath)} (ConfigMap keys cannot hold directories) or install it in the image`);
    }
    files[basename(plugin)] = readText(join(dirname(specPath), plugin));
  }
  const data = Object.entries(files).map(([key, text]) => `  ${key}: |\n${text.replace(/\s+$/, '').split('\n').map((line) => `    ${line}`).join('\n')}\n`);
  return `# The spec, mounted at /spec in every pod.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-spec\n  labels:\n    app.kubernetes.io/name: saliency-bench\n    saliency-bench/run: ${name}\ndata:\n${data.join('')}`;
}

function substitute(template, variables, file) {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, key) => {
    if (!(key in variables)) fail(`${file} uses \${${key}}, which render.mjs does not set`);
    return variables[key];
  });
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read ${path}: ${error.message}`);
  }
}

function positiveInteger(what, text) {
  if (!/^[1-9]\d*$/.test(text)) fail(`${what} must be a positive integer (got "${text}")`);
  return Number(text);
}

function nonNegativeInteger(what, text) {
  if (!/^\d+$/.test(text)) fail(`${what} must be a non-negative integer (got "${text}")`);
  return Number(text);
}

function fail(message) {
  throw Object.assign(new Error(message), { usage: true });
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  try {
    process.stdout.write(render(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`error: ${error.message}\n${error.usage ? usage + '\n' : ''}`);
    process.exit(2);
  }
}
