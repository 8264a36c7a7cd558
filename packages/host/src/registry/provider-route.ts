/** A `<plugin>/<model>` id split in two; the model part may itself contain slashes (`docker-llm/ai/smollm2`). */
export interface ModelRoute {
  /** The plugin whose provider serves it. */
  readonly plugin: string;
  /** The provider's own model id. */
  readonly model: string;
}

/**
 * Splits `<plugin>/<model>` after the plugin name — at the first slash, or the second for a scoped plugin
 * (`@acme/llm/ai/smollm2`); `undefined` when either side is empty.
 */
export function splitModelId(id: string): ModelRoute | undefined {
  const slash = id.indexOf('/', id.startsWith('@') ? id.indexOf('/') + 1 : 0);
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { plugin: id.slice(0, slash), model: id.slice(slash + 1) };
}
