import type { JsonObject, ToolCallOptions, ToolInfo, ToolResult } from '@berth/sdk';

/**
 * What the MCP endpoint serves: the tool registry as the endpoint sees it. `call` must do everything a call needs
 * (input validation, `tool:beforeCall` guards, the plugin's sandbox, the time limit, `tool:afterCall`); the
 * endpoint only translates between MCP and this interface.
 */
export interface ToolSource {
  /** Every tool to offer, with its namespaced id (`<plugin>/<name>`). */
  list(): Promise<readonly ToolInfo[]>;
  /** Calls a tool by id; rejects with a `BerthError` (unknown tool, invalid input, denied, …) when it cannot. */
  call(id: string, args: JsonObject, options: ToolCallOptions): Promise<ToolResult>;
  /** Registers a listener for changes to the list; returns its removal. */
  onDidChange(listener: () => void): () => void;
  /** The MCP wire name the source gives an id (the registry keeps its own); else the endpoint derives one. */
  wireName?(id: string): string | undefined;
  /** The id behind a wire name, when the source keeps the mapping. */
  fromWireName?(wire: string): string | undefined;
}
