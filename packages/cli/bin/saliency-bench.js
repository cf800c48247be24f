#!/usr/bin/env node
// The command npm links at install time. It is committed (dist/ is not), so that `npm ci` on a
// fresh clone links `saliency-bench` before anything is built; it runs the built CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  process.stderr.write(`error: saliency-bench is not built yet; run \`npm run build\` (or \`npm run quickstart\`) in ${root}\n`);
  process.exit(2);
}
await import(built.href);
