/** Built-in model plugins, loaded lazily by name. */
export const builtinModels = {} as const;
