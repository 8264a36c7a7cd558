import type Docker from 'dockerode';
import type { DockerHealth } from '../docker/connection.js';
import type { DockerEndpoint } from '../docker/endpoint.js';
import type { DockerMcpSettings } from '../settings.js';
import type { SessionIdentity } from '../session.js';

/** A JSON Schema object, as a tool's `inputSchema` holds it. */
export interface JsonSchemaObject {
  readonly type: 'object';
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly [keyword: string]: unknown;
}

/** The MCP tool annotations every tool declares. */
export interface ToolHints {
  /** True when the tool changes nothing. */
  readonly readOnlyHint: boolean;
  /** True when the tool may destroy state (remove, kill, prune). */
  readonly destructiveHint: boolean;
  /** True when calling it twice with the same arguments has no further effect. */
  readonly idempotentHint: boolean;
  /** Always false except for pull: the tools talk to the local engine only. */
  readonly openWorldHint: boolean;
}

/** What a tool's code receives besides its arguments. */
export interface ToolContext {
  /** A client speaking the negotiated API version (for an {@link DockerTool.offline} tool, a client that may fail). */
  readonly docker: Docker;
  /** The plugin's settings. */
  readonly settings: DockerMcpSettings;
  /** This server run (its labels go on everything created). */
  readonly session: SessionIdentity;
  /** Where the engine is. */
  readonly endpoint: DockerEndpoint;
  /** Socket paths no mount or copy may expose. */
  readonly protectedSockets: readonly string[];
  /** Aborted when the caller cancels. */
  readonly signal: AbortSignal;
  /** Pings the engine and reports its health; never throws. */
  health(): Promise<DockerHealth>;
  /** Reports progress to the caller (an MCP progress notification when the caller asked for them). */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

/** A tool's outcome: a one-line summary (the text content) and the structured result. */
export interface ToolOutcome {
  /** One short line for humans and models. */
  readonly summary: string;
  /** The structured result (`structuredContent`). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** One MCP tool of this plugin. */
export interface DockerTool<A = Record<string, unknown>> {
  /** The tool name, e.g. `container_run`. */
  readonly name: string;
  /** A short human title. */
  readonly title: string;
  /** What it does, for the model. */
  readonly description: string;
  /** Its JSON Schema input. */
  readonly inputSchema: JsonSchemaObject;
  /** Its MCP annotations. */
  readonly annotations: ToolHints;
  /** True for a tool that works without a reachable engine (`system_health`). */
  readonly offline?: boolean;
  /** Optional policy check run before schema validation, so refused options get a precise message. */
  readonly precheck?: (args: Readonly<Record<string, unknown>>) => void;
  /** Runs the tool with validated arguments. */
  run(args: A, context: ToolContext): Promise<ToolOutcome>;
}

/** Hints of a tool that only reads. */
export const READS: ToolHints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** Hints of a tool that changes state without destroying any. */
export function changes(idempotent: boolean): ToolHints {
  return { readOnlyHint: false, destructiveHint: false, idempotentHint: idempotent, openWorldHint: false };
}

/** Hints of a tool that destroys state. */
export function destroys(idempotent: boolean): ToolHints {
  return { readOnlyHint: false, destructiveHint: true, idempotentHint: idempotent, openWorldHint: false };
}

/** Declares a tool; the type parameter is the shape its input schema guarantees. */
export function defineTool<A>(tool: DockerTool<A>): DockerTool {
  return tool as unknown as DockerTool;
}

/** An input schema: an object with `properties`, `required`, and no other properties. */
export function objectSchema(properties: Record<string, unknown>, required: readonly string[] = []): JsonSchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** Frequently used property schemas. */
export const Props = {
  /** A container id or name. */
  container: { type: 'string', minLength: 1, description: 'Container id or name' },
  /** A label-or-name filter map. */
  labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels to add (key → value)' },
  /** A string map. */
  stringMap: { type: 'object', additionalProperties: { type: 'string' } },
  /** A command: an argv array or a shell string. */
  command: {
    anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }],
    description: 'Command as argv array, or a string run with sh -c',
  },
} as const;
