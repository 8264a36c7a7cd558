import type { ToolDefinition } from '@berth/sdk';

/**
 * Registers a tool for a plugin under its namespaced id (`<plugin>/<name>`) and returns its removal: the shape of
 * the tool registry's `register(plugin, definition)`, so an MCP connection can feed its server's tools in.
 */
export type ToolRegistrar = (plugin: string, definition: ToolDefinition) => () => void;
