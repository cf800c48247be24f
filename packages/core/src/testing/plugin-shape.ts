/**
 * The "well-formed plugin" check that every package's conformance tests run on each built-in:
 * the right kind and name, a version and a description, a closed object schema that describes
 * every option, and defaults that the schema accepts (it refuses an unknown option). It returns
 * the problems instead of asserting, so it needs no test framework: `expect(problems).toEqual([])`
 * shows them all at once.
 */
import { Ajv } from 'ajv';
import type { AnyPlugin, PluginKind } from '../types.js';

export interface PluginShapeExpectation {
  kind: PluginKind;
  name: string;
  /** Options added to the defaults before validating (a dataset's root, a model's path). */
  options?: Record<string, unknown>;
  /** When true, the defaults must name every option of the schema, and only those. */
  everyOptionDefaulted?: boolean;
}

interface ObjectSchema {
  type?: unknown;
  additionalProperties?: unknown;
  properties?: Record<string, { description?: unknown }>;
}

const ajv = new Ajv({ allErrors: true, strict: false });

export function pluginShapeProblems(plugin: AnyPlugin, expected: PluginShapeExpectation): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${expected.kind} ${expected.name}: ${problem}`);
  if (plugin.kind !== expected.kind) say(`kind is ${JSON.stringify(plugin.kind)}`);
  if (plugin.name !== expected.name) say(`name is ${JSON.stringify(plugin.name)}`);
  if (!(typeof plugin.version === 'string' && /\S/.test(plugin.version))) say('needs a version');
  if (!(typeof plugin.description === 'string' && plugin.description.length > 10)) say('needs a description (more than 10 characters)');
  if (plugin.kind === 'metric' && typeof plugin.higherIsBetter !== 'boolean') say('needs higherIsBetter (a boolean)');
  const schema = plugin.schema as ObjectSchema;
  if (schema.type !== 'object') say('options schema needs type "object"');
  if (schema.additionalProperties !== false) say('options schema needs additionalProperties: false');
  const properties = schema.properties ?? {};
  for (const [option, property] of Object.entries(properties)) {
    if (!(typeof property.description === 'string' && /\S/.test(property.description))) say(`option ${option} needs a description`);
  }
  const defaults = (plugin.defaults ?? {}) as Record<string, unknown>;
  if (expected.everyOptionDefaulted) {
    const [given, declared] = [Object.keys(defaults).sort(), Object.keys(properties).sort()];
    if (JSON.stringify(given) !== JSON.stringify(declared)) say(`defaults name ${given.join(', ')}, the schema ${declared.join(', ')}`);
  }
  const validate = ajv.compile(plugin.schema);
  const options = { ...structuredClone(defaults), ...expected.options };
  if (!validate(options)) say(`the schema refuses the defaults${expected.options ? ' with the given options' : ''}: ${ajv.errorsText(validate.errors)}`);
  const refusesUnknown = !validate({ ...options, noSuchOption: 1 }) && (validate.errors ?? []).some((error) => error.keyword === 'additionalProperties');
  if (!refusesUnknown) say('the schema accepts an unknown option');
  return problems;
}
