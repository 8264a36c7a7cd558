import type { JsonObject, JsonSchema, JsonValue } from '../json.js';

/** MCP tool annotations: hints for clients, never trusted for security. */
export interface ToolAnnotations {
  /** A human-readable title. */
  readonly title?: string;
  /** The tool does not change its environment. */
  readonly readOnlyHint?: boolean;
  /** The tool may perform destructive updates. */
  readonly destructiveHint?: boolean;
  /** Calling it again with the same arguments has no further effect. */
  readonly idempotentHint?: boolean;
  /** The tool interacts with an open world of external entities. */
  readonly openWorldHint?: boolean;
}

/** One piece of a tool result, as in MCP. */
export type ToolContent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly data: string; readonly mimeType: string }
  | { readonly type: 'resource'; readonly resource: { readonly uri: string; readonly text?: string; readonly blob?: string; readonly mimeType?: string } };

/** What a tool returns, as in MCP's `CallToolResult`. */
export interface ToolResult {
  /** Unstructured content for the model. */
  readonly content: readonly ToolContent[];
  /** Structured content, matching the tool's `outputSchema` when it has one. */
  readonly structuredContent?: JsonObject;
  /** True when the result reports a failure the model should see. */
  readonly isError?: boolean;
}

/** A progress report from a running tool. */
export interface ToolProgress {
  /** Progress so far (increases monotonically). */
  readonly progress: number;
  /** The total, when known. */
  readonly total?: number;
  /** A short message. */
  readonly message?: string;
}

/** What a tool handler receives besides its arguments. */
export interface ToolCallContext {
  /** Aborted when the caller cancels or the time limit passes. */
  readonly signal: AbortSignal;
  /** Reports progress to the caller (forwarded as MCP progress notifications). */
  progress(update: ToolProgress): void;
  /**
   * True when the caller listens to progress (an MCP client sent a progress token); false when reports would be
   * dropped, so a handler that forwards calls elsewhere need not ask for progress there. Absent means unknown
   * (treat as true).
   */
  readonly progressWanted?: boolean;
}

/** A tool handler: validated arguments in, a result (or any JSON value, wrapped as text) out. */
export type ToolHandler<Args extends JsonObject = JsonObject> = (
  args: Args,
  context: ToolCallContext,
) => ToolResult | JsonValue | Promise<ToolResult | JsonValue>;

/** A tool as a plugin registers it. */
export interface ToolDefinition<Args extends JsonObject = JsonObject> {
  /** The tool's name within its plugin; the host namespaces it as `<plugin>/<name>`. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** JSON Schema for the arguments (validated by the host before the handler runs). */
  readonly inputSchema: JsonSchema;
  /** JSON Schema for `structuredContent`, when the tool returns structured results. */
  readonly outputSchema?: JsonSchema;
  /** MCP annotations. */
  readonly annotations?: ToolAnnotations;
  /** The handler. */
  readonly handler: ToolHandler<Args>;
}

/** A tool as the registry lists it (data only). */
export interface ToolInfo {
  /** The namespaced id, `<plugin>/<name>` (or the user's alias). */
  readonly id: string;
  /** The owning plugin. */
  readonly plugin: string;
  /** The tool's own name. */
  readonly name: string;
  /** What the tool does. */
  readonly description: string;
  /** JSON Schema for the arguments. */
  readonly inputSchema: JsonSchema;
  /** JSON Schema for structured results. */
  readonly outputSchema?: JsonSchema;
  /** MCP annotations. */
  readonly annotations?: ToolAnnotations;
}

/** Options of a tool call. */
export interface ToolCallOptions {
  /** Cancels the call. */
  readonly signal?: AbortSignal;
  /** Time limit in milliseconds. */
  readonly timeoutMs?: number;
  /** Receives progress reports. */
  readonly onProgress?: (update: ToolProgress) => void;
}

/** `context.tools`: register tools, and list or call the registry's tools. */
export interface ToolsApi {
  /** Registers a tool; returns a function that unregisters it. */
  register<Args extends JsonObject = JsonObject>(definition: ToolDefinition<Args>): () => void;
  /** Lists every registered tool. */
  list(): Promise<readonly ToolInfo[]>;
  /** Calls a tool by id through the registry (validation, guards, sandbox, time limit). */
  call(id: string, args: JsonObject, options?: ToolCallOptions): Promise<ToolResult>;
}
