/** Turn Ajv errors into SpecProblems with a readable "expected" part and the offending value. */
import { Ajv, type ErrorObject } from 'ajv';
import type { SpecProblem } from './spec-error.js';

export function createAjv(): Ajv {
  // strictNumbers: Infinity (what JSON.parse makes of 1e400) and NaN are not numbers here.
  return new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true, strictNumbers: true });
}

export function toProblems(errors: ErrorObject[] | null | undefined, data: unknown, prefix = ''): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const error of errors ?? []) {
    // "if/then" and "anyOf" wrappers repeat what their inner errors already say.
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const pointer = prefix + error.instancePath;
    if (error.keyword === 'additionalProperties') {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      problems.push({
        pointer: `${pointer}/${escapePointer(key)}`,
        message: `unknown key "${key}"; allowed keys: ${allowed.join(', ') || 'none'}`,
      });
      continue;
    }
    if (error.keyword === 'required') {
      const key = (error.params as { missingProperty: string }).missingProperty;
      problems.push({ pointer: `${pointer}/${escapePointer(key)}`, message: 'is required but missing' });
      continue;
    }
    let message = error.message ?? error.keyword;
    const value = valueAt(data, error.instancePath);
    if (error.keyword === 'type' && typeof value === 'number' && !Number.isFinite(value)) {
      problems.push({ pointer, message: `${message}, and finite: a literal too large for a double (such as 1e400) reads as Infinity`, found: value });
      continue;
    }
    if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    problems.push({ pointer, message, found: valueAt(data, error.instancePath) });
  }
  return problems;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
