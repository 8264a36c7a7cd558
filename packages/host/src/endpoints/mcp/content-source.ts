import type { GetPromptResult, Prompt, ReadResourceResult, Resource } from '@modelcontextprotocol/server';

/** Which list changed. */
export type ContentKind = 'resources' | 'prompts';

/**
 * Resources and prompts the MCP endpoint serves besides tools (today: those of `mcp` plugins' servers, gathered by
 * `McpContentHub`). Prompt names are already wire names; resource URIs are the servers' own.
 */
export interface McpContentSource {
  /** Every resource. */
  listResources(): Promise<readonly Resource[]>;
  /** Reads one resource by URI; rejects when no server offers it. */
  readResource(uri: string, signal: AbortSignal): Promise<ReadResourceResult>;
  /** Every prompt, under its wire name. */
  listPrompts(): Promise<readonly Prompt[]>;
  /** Renders one prompt. */
  getPrompt(name: string, args: Readonly<Record<string, string>>, signal: AbortSignal): Promise<GetPromptResult>;
  /** Registers a listener for changes to either list; returns its removal. */
  onDidChange(listener: (kind: ContentKind) => void): () => void;
}
