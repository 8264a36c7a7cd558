import type { JsonObject, ToolCallOptions, ToolDefinition, ToolInfo, ToolResult, ToolsApi } from '@berth/sdk';
import type { ToolRegistry } from '../../registry/tool-registry.js';
import type { Liveness } from './liveness.js';

/** `context.tools` of one plugin: registers under its name; lists and calls through the registry. */
export function toolsApiFor(registry: ToolRegistry, plugin: string, liveness: Liveness): ToolsApi {
  return {
    register: <Args extends JsonObject>(definition: ToolDefinition<Args>): (() => void) => {
      liveness.assertAlive('register a tool for');
      return registry.register(plugin, definition as unknown as ToolDefinition);
    },
    list: async (): Promise<readonly ToolInfo[]> => registry.list(),
    call: (id: string, args: JsonObject, options?: ToolCallOptions): Promise<ToolResult> => registry.call(id, args, options),
  };
}
