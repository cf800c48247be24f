import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { opRules } from '../src/onnx/compiler/ops/index.js';
import { opTable } from '../src/onnx/compiler/ops/op-rule.js';
import { opListText, unsupportedOperatorMessage } from '../src/onnx/compiler/ops/op-list.js';
import { currentOpList } from '../src/onnx/compiler/ops/op-list-block.js';

describe('the ONNX op table', () => {
  it('holds every rule under the operator the rule names', () => {
    for (const [op, rule] of opRules) expect(rule.op).toBe(op);
    expect(() => opTable([opRules.get('Relu')!, opRules.get('Relu')!])).toThrow('two rules for the ONNX operator Relu');
  });

  it('is the op list of docs/onnx-engine.md (rewrite it with `npm run op-list` after the build)', () => {
    const docs = readFileSync(new URL('../../../docs/onnx-engine.md', import.meta.url), 'utf8');
    expect(currentOpList(docs)).toBe(opListText(opRules));
    for (const op of opRules.keys()) expect(currentOpList(docs)).toMatch(new RegExp(`\\b${op}\\b`));
  });

  it('names every operator it supports in the unsupported-operator message', () => {
    const message = unsupportedOperatorMessage('net.onnx', { name: 'n1', opType: 'Erf', domain: '' }, opRules);
    expect(message).toMatch(/^net\.onnx: node "n1" uses the operator Erf, which the ONNX engine does not support \(it supports /);
    expect(message.match(/supports (.*); see/)![1].split(', ')).toEqual([...opRules.keys()]);
    expect(unsupportedOperatorMessage('net.onnx', { name: 'n2', opType: 'FusedConv', domain: 'com.microsoft' }, opRules)).toContain('the operator com.microsoft::FusedConv');
  });
});
