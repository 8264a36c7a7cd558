import type { McpApi, PluginConfigView, PluginContext, PluginIdentity, ServiceRef } from '@berth/sdk';
import type { PluginApi } from './plugin-api.js';
import { eventsApiFor } from './scoped/events-api.js';
import { hooksApiFor } from './scoped/hooks-api.js';
import { createLiveness } from './scoped/liveness.js';
import { providersApiFor } from './scoped/providers-api.js';
import { toolsApiFor } from './scoped/tools-api.js';

/** What {@link createPluginContext} needs to know about one plugin. */
export interface PluginContextOptions {
  /** The host-wide API (from `createPluginApi`). */
  readonly api: PluginApi;
  /** Who the plugin is. */
  readonly plugin: PluginIdentity;
  /** The plugin names in its manifest's `dependencies` (who it may take services from). */
  readonly dependencies?: readonly string[];
  /** Its effective settings. */
  readonly config: PluginConfigView;
  /** Its data folder. */
  readonly dataDir: string;
  /** The MCP servers view, when the host has one (default: an empty list). */
  readonly mcp?: McpApi;
}

/** A plugin's context and the switch that removes everything it registered. */
export interface PluginContextHandle {
  /** What `initialize(context)` receives. */
  readonly context: PluginContext;
  /**
   * Removes every hook handler, listener, service, tool and provider the plugin registered, revokes the services
   * it provided (consumers' calls fail at once), and refuses any later registration. Idempotent.
   */
  dispose(): void;
}

const NO_MCP: McpApi = { list: async () => [] };

/**
 * Builds a plugin's `PluginContext`, host-side: the authority where every permission check happens. Everything
 * on it is data-only or a function; registrations are filed under the plugin's name, so `dispose()` can remove
 * them all. The sandbox proxies this very object into a child process.
 */
export function createPluginContext(options: PluginContextOptions): PluginContextHandle {
  const { api, plugin } = options;
  const name = plugin.name;
  const liveness = createLiveness(name);
  const consumer = { plugin: name, dependencies: [...(options.dependencies ?? [])] };
  const services = api.services.forPlugin(consumer);
  const context: PluginContext = Object.freeze({
    plugin: Object.freeze({ name, version: plugin.version, dir: plugin.dir }),
    services: {
      get: services.get,
      provide: <T>(ref: ServiceRef<T>, implementation: T): (() => void) => {
        liveness.assertAlive(`provide service '${ref.id}' for`);
        return services.provide(ref, implementation);
      },
    },
    hooks: hooksApiFor(api.hooks, name, liveness),
    events: eventsApiFor(api.events, name, liveness),
    tools: toolsApiFor(api.tools, name, liveness),
    providers: providersApiFor(api.providers, name, liveness),
    mcp: options.mcp ?? NO_MCP,
    config: options.config,
    logger: api.logger.child({ plugin: name }),
    dataDir: options.dataDir,
  });
  return { context, dispose: () => disposePlugin(api, name, liveness) };
}

/** Ends the context, then removes all the plugin registered, each part on its own so one failure stops none. */
function disposePlugin(api: PluginApi, plugin: string, liveness: { end(): void }): void {
  liveness.end();
  const steps = [
    () => api.hooks.removeAll(plugin),
    () => api.events.removeAll(plugin),
    () => api.services.withdrawAll(plugin),
    () => api.tools.unregisterAll(plugin),
    () => api.providers.unregisterAll(plugin),
  ];
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      api.logger.error({ err: error, plugin }, `removing what plugin '${plugin}' registered failed in part`);
    }
  }
}
