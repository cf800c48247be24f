/**
 * Options schemas are written once, with TypeBox: the JSON Schema that core validates, and the
 * options type derived from it (`Static<typeof schema>`), so the two cannot drift apart.
 */
import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/** A string from a fixed list, as a plain `enum` (Ajv then says "must be one of ..."). */
export function stringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** `masksPerBatch`, shared by the methods that optimise or differentiate several jobs per model call. */
export const masksPerBatchOption = (rows: string) =>
  Type.Integer({ minimum: 0, description: `Jobs whose masks share one model call${rows}; 0 uses the run's batch size.` });
