import type { JsonObject, JsonSchema, ToolAnnotations, ToolCallContext, ToolDefinition, ToolResult } from '@berth/sdk';
import type { SandboxManager, SandboxRecord } from '../manager.js';
import { Expiry } from '../expiry.js';

/** What each tool's factory receives. */
export interface ToolDeps {
  /** The manager (the backend is opened on first use). */
  readonly manager: () => Promise<SandboxManager>;
}

/** A structured result, with a short text for the model. */
export function result(structured: JsonObject, text: string): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** The `sandbox` argument every per-sandbox tool takes. */
export const SANDBOX_ARG = { type: 'string', minLength: 1, description: 'The sandbox id (from create or list).' } as const;

/** A tool definition with a typed handler. */
export function tool<Args extends object>(
  name: string,
  description: string,
  inputSchema: JsonSchema,
  annotations: ToolAnnotations,
  handler: (args: Args, signal?: AbortSignal) => Promise<ToolResult>,
): ToolDefinition {
  return {
    name,
    description,
    inputSchema,
    annotations,
    handler: (args: JsonObject, context?: ToolCallContext) => handler(args as unknown as Args, context?.signal),
  } as ToolDefinition;
}

/** A sandbox as the tools show it. */
export function describe(record: SandboxRecord): JsonObject {
  const deadline = Expiry.deadline(record);
  return {
    id: record.id,
    backend: record.backend,
    engine: record.engine,
    image: record.image,
    user: record.user,
    limits: { ...record.limits },
    workspace: record.workspace !== undefined ? { path: record.workspace.source, mode: record.workspace.mode } : { path: null, mode: 'rw' },
    labels: { ...record.labels },
    created: record.created.toISOString(),
    expires: record.expires.toISOString(),
    last_used: record.lastUsed.toISOString(),
    next_deadline: { at: new Date(deadline.at).toISOString(), why: deadline.why },
    adopted: record.adopted,
  };
}
