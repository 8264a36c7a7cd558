import type { ToolRegistry } from '../../registry/tool-registry.js';
import type { ToolSource } from './tool-source.js';

/**
 * The tool registry as the MCP endpoint's {@link ToolSource}: every call goes through `ToolRegistry.call`
 * (validation, guards, the plugin's sandbox, time limit, `tool:afterCall`), wire names are the registry's own.
 */
export function toolSourceOf(registry: ToolRegistry): ToolSource {
  return {
    list: () => Promise.resolve(registry.list()),
    call: (id, args, options) => registry.call(id, args, options),
    onDidChange: (listener) => registry.onChange(() => listener()),
    wireName: (id) => registry.wireName(id),
    fromWireName: (wire) => registry.fromWireName(wire),
  };
}
