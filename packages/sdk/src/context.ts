import type { PluginConfigView } from './api/config.js';
import type { EventsApi } from './api/events.js';
import type { HooksApi } from './api/hooks.js';
import type { McpApi } from './api/mcp.js';
import type { ServicesApi } from './api/services.js';
import type { ToolsApi } from './api/tools.js';
import type { Logger } from './logger.js';
import type { ProvidersApi } from './provider/provider.js';

/** Who the plugin is, as the host loaded it. */
export interface PluginIdentity {
  /** The plugin's name. */
  readonly name: string;
  /** The plugin's version. */
  readonly version: string;
  /** The plugin's folder. */
  readonly dir: string;
}

/** What `initialize(context)` receives: the whole plugin API. Everything on it is data-only or async. */
export interface PluginContext {
  /** Who this plugin is. */
  readonly plugin: PluginIdentity;
  /** Service injection. */
  readonly services: ServicesApi;
  /** Hook points. */
  readonly hooks: HooksApi;
  /** Events. */
  readonly events: EventsApi;
  /** Tools. */
  readonly tools: ToolsApi;
  /** LLM providers. */
  readonly providers: ProvidersApi;
  /** MCP servers. */
  readonly mcp: McpApi;
  /** The plugin's effective settings (read-only). */
  readonly config: PluginConfigView;
  /** A `pino` child logger carrying the plugin's name. */
  readonly logger: Logger;
  /** A folder of the plugin's own for data. */
  readonly dataDir: string;
}
