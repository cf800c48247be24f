/**
 * Plugin options schemas are written once, with TypeBox: the JSON Schema that the options
 * pipeline validates, and the options type derived from it (`Static<typeof schema>`), so the two
 * cannot drift apart. This is the one helper TypeBox lacks for them.
 */
import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/** A string from a fixed list, as a plain `enum` (Ajv then says "must be one of ..."). */
export function stringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
