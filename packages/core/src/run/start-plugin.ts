/**
 * Create a plugin instance (open a model file, build a dataset index, compile a graph). A failure
 * here is about the spec's options or the files they point to, so it is reported as bad input
 * naming the entry, the plugin and where the plugin came from.
 */
import type { PlannedEntry } from '../spec/resolved-spec.js';
import type { AnyPlugin } from '../types.js';

export class PluginStartError extends Error {}

export async function startPlugin<T>(planned: PlannedEntry<AnyPlugin>, pointer: string, create: () => T | Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const { entry, plugin, source } = planned;
    const from = source === 'built-in' ? 'built-in' : `from ${source}`;
    const message = error instanceof Error ? error.message : String(error);
    // Engines' own messages usually say what to fix; otherwise point at the entry's options.
    const fix = /\b(check|use|choose|install|set|pass|give)\b/i.test(message) ? '' : "; check this entry's options and the files they name";
    throw new PluginStartError(`${pointer}: ${plugin.kind} "${entry.id}" (${entry.use}, ${from}) could not start: ${message}${fix}`);
  }
}
