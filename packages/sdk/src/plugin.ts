import type { PluginContext } from './context.js';
import type { ManifestShape } from './typed/manifest-shape.js';
import type { TypedPluginDefinition } from './typed/typed-context.js';

/**
 * A plugin: the specification's `IPlugin`. The host builds it from the module named by the manifest's `main`,
 * whose default export is the result of {@link definePlugin}.
 */
export interface Plugin {
  /** The plugin's name (from its manifest). */
  readonly name: string;
  /** The plugin's version (from its manifest). */
  readonly version: string;
  /** Called once when the plugin starts: register tools, providers, hooks and services here. */
  initialize(context: PluginContext): void | Promise<void>;
  /** Called once when the plugin stops. Everything it registered is removed by the host anyway. */
  dispose(): void | Promise<void>;
}

/** What a plugin module defines; `name` and `version`, when given, must match the manifest. */
export interface PluginDefinition {
  /** Optional: the manifest's name, checked when present. */
  readonly name?: string;
  /** Optional: the manifest's version, checked when present. */
  readonly version?: string;
  /** Called once when the plugin starts. */
  initialize(context: PluginContext): void | Promise<void>;
  /** Called once when the plugin stops. */
  dispose?(): void | Promise<void>;
}

/** Brand that marks a value returned by {@link definePlugin}. */
export const PLUGIN_DEFINITION: unique symbol = Symbol.for('berth.plugin-definition');

/** A {@link PluginDefinition} branded by {@link definePlugin}. */
export type DefinedPlugin = PluginDefinition & { readonly [PLUGIN_DEFINITION]: true };

/**
 * Defines a plugin. Export the result as the default export of the module named by `main` in `plugin.json`.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   async initialize(ctx) {
 *     ctx.tools.register({ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' },
 *       handler: async (args) => ({ content: [{ type: 'text', text: JSON.stringify(args) }] }) });
 *   },
 * });
 * ```
 */
export function definePlugin(definition: PluginDefinition): DefinedPlugin;
/**
 * Defines a plugin whose context is typed by its manifest: `M` is the `Manifest` type `berth types` writes from
 * `plugin.json`. Hooks, services and settings the manifest does not declare do not compile.
 *
 * @example
 * ```ts
 * import type { Manifest } from './manifest.js';
 * export default definePlugin<Manifest>({ initialize(ctx) { ctx.config.get('greeting'); } });
 * ```
 */
export function definePlugin<M extends ManifestShape>(definition: TypedPluginDefinition<M>): DefinedPlugin;
export function definePlugin(definition: PluginDefinition): DefinedPlugin {
  if (typeof definition !== 'object' || definition === null || typeof definition.initialize !== 'function') {
    throw new TypeError('definePlugin() needs an object with an initialize(context) function');
  }
  return Object.freeze({ ...definition, [PLUGIN_DEFINITION]: true as const });
}

/** True when `value` came from {@link definePlugin} (or has its shape). */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { initialize?: unknown }).initialize === 'function'
  );
}
