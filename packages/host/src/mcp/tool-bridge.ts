import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import type { JsonObject, JsonSchema, ToolAnnotations, ToolContent, ToolDefinition, ToolHandler, ToolResult } from '@berth/sdk';

/** Converts one MCP content block to Berth's; kinds Berth does not model (audio, resource links) become JSON text. */
function toToolContent(block: CallToolResult['content'][number]): ToolContent {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return { type: 'image', data: block.data, mimeType: block.mimeType };
    case 'resource':
      return { type: 'resource', resource: block.resource as { uri: string; text?: string; blob?: string; mimeType?: string } };
    default:
      return { type: 'text', text: JSON.stringify(block) };
  }
}

/** Converts an MCP `CallToolResult` (from a plugin's server) to a Berth `ToolResult`. */
export function toToolResult(result: CallToolResult): ToolResult {
  return {
    content: result.content.map(toToolContent),
    ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent as JsonObject } : {}),
    ...(result.isError === true ? { isError: true } : {}),
  };
}

/** Converts a tool an MCP server lists into the definition the registry takes, calling back through `handler`. */
export function toToolDefinition(tool: Tool, handler: ToolHandler): ToolDefinition {
  return {
    name: tool.name,
    description: tool.description ?? tool.title ?? tool.name,
    inputSchema: tool.inputSchema as JsonSchema,
    ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema as JsonSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: tool.annotations as ToolAnnotations } : {}),
    handler,
  };
}
