// Rewrites the op list of docs/onnx-engine.md from the built op table (run after the build).
import { readFileSync, writeFileSync } from 'node:fs';
import { opRules } from '../dist/onnx/compiler/ops/index.js';
import { opListText } from '../dist/onnx/compiler/ops/op-list.js';
import { replaceOpList } from '../dist/onnx/compiler/ops/op-list-block.js';

const docs = new URL('../../../docs/onnx-engine.md', import.meta.url);
writeFileSync(docs, replaceOpList(readFileSync(docs, 'utf8'), opListText(opRules)));
