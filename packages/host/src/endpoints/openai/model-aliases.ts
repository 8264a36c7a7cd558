/** Model aliases from the configuration: alias → `<plugin>/<model>`. */
export type ModelAliases = Readonly<Record<string, string>>;

/** The `<plugin>/<model>` id a requested model names (an alias is resolved once; anything else is itself). */
export function resolveModel(aliases: ModelAliases, requested: string): string {
  return Object.hasOwn(aliases, requested) ? (aliases[requested] as string) : requested;
}
