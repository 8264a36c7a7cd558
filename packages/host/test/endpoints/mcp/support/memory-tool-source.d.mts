import type { JsonObject, ToolCallOptions, ToolDefinition, ToolInfo, ToolResult } from '@berth/sdk';
import type { ToolSource } from '@berth/host';

/** A small in-memory stand-in for the tool registry (see memory-tool-source.mjs). */
export declare class MemoryToolSource implements ToolSource {
  register: (plugin: string, definition: ToolDefinition) => () => void;
  addGuard(plugin: string, guard: (id: string, args: JsonObject) => string | undefined): void;
  list(): Promise<readonly ToolInfo[]>;
  call(id: string, args: JsonObject, options?: ToolCallOptions): Promise<ToolResult>;
  onDidChange(listener: () => void): () => void;
}
