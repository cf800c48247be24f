/** A JSON Schema document, kept loose on purpose: plugins write plain object literals. */
export type JSONSchemaType = Record<string, unknown>;
