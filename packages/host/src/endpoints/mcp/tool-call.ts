import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import { isBerthError } from '@berth/sdk';
import type { JsonObject, Logger, ToolProgress, ToolResult } from '@berth/sdk';
import { argumentShape } from './argument-shape.js';
import { logToolCall, type CallOutcome } from './call-log.js';
import type { ToolSource } from './tool-source.js';
import type { WireNames } from './wire-names.js';

/** What serving one `tools/call` needs. */
export interface ToolCallDeps {
  readonly source: ToolSource;
  readonly names: WireNames;
  readonly logger: Logger;
  /** `http` or `stdio`, for the log. */
  readonly transport: string;
}

/** The `tools/call` request parameters the endpoint reads. */
export interface ToolCallParams {
  readonly name: string;
  readonly arguments?: Record<string, unknown>;
  readonly _meta?: { readonly progressToken?: string | number };
}

/** The Berth codes of an error and its causes, outermost first (a crash wrapped as a tool failure shows both). */
export function berthCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error; current instanceof Error && codes.length < 8; current = current.cause) {
    if (isBerthError(current) && !codes.includes(current.code)) codes.push(current.code);
  }
  return codes;
}

/**
 * The text a client sees for a failed call: the message (which names plugin, field and fix) and the Berth codes,
 * e.g. `… [BERTH_TOOL_FAILED, BERTH_PLUGIN_CRASHED]`.
 */
export function toolErrorText(id: string, error: unknown): string {
  if (isBerthError(error)) return `${error.message} [${berthCodesOf(error).join(', ')}]`;
  const message = error instanceof Error ? error.message : String(error);
  return `tool '${id}' failed: ${message}`;
}

/** Sends the tool's progress to the client as `notifications/progress`, when the client asked for it. */
function progressSender(params: ToolCallParams, ctx: ServerContext): ((update: ToolProgress) => void) | undefined {
  const token = params._meta?.progressToken;
  if (token === undefined) return undefined;
  return (update) => {
    void ctx.mcpReq
      .notify({ method: 'notifications/progress', params: { progressToken: token, ...update } })
      .catch(() => undefined);
  };
}

function outcomeOf(error: unknown, signal: AbortSignal): CallOutcome {
  return signal.aborted ? 'cancelled' : isBerthError(error) && error.code === 'BERTH_CALL_CANCELLED' ? 'cancelled' : 'error';
}

/**
 * Serves one `tools/call`: maps the wire name to the tool id, calls the source with the request's abort signal and
 * a progress sender, logs one line (argument shape only, written after the answer), and turns every failure — unknown tool, invalid
 * arguments, a guard's denial, a crash — into an MCP tool error (`isError: true`) with a readable message.
 */
export async function serveToolCall(deps: ToolCallDeps, params: ToolCallParams, ctx: ServerContext): Promise<CallToolResult> {
  const started = performance.now();
  const id = deps.names.idOf(params.name);
  const args = (params.arguments ?? {}) as JsonObject;
  const signal = ctx.mcpReq.signal;
  // The line is written once the answer is on its way (the next turn of the event loop, after the SDK's write):
  // the call log costs the server the same, the caller nothing. The duration is the call's, taken now.
  const log = (outcome: CallOutcome, code?: string): void => {
    const durationMs = performance.now() - started;
    setImmediate(() =>
      logToolCall(deps.logger, {
        tool: id,
        plugin: id.includes('/') ? id.slice(0, id.indexOf('/')) : id,
        outcome,
        durationMs,
        args: argumentShape(args),
        transport: deps.transport,
        ...(code !== undefined ? { code } : {}),
      }),
    );
  };
  try {
    const onProgress = progressSender(params, ctx);
    const result = await deps.source.call(id, args, { signal, ...(onProgress !== undefined ? { onProgress } : {}) });
    log(result.isError === true ? 'tool-error' : 'ok');
    return toCallToolResult(result);
  } catch (error) {
    const codes = berthCodesOf(error);
    log(outcomeOf(error, signal), codes.length > 0 ? codes.join(',') : undefined);
    return { content: [{ type: 'text', text: toolErrorText(id, error) }], isError: true };
  }
}

/** A Berth `ToolResult` as an MCP `CallToolResult` (the content kinds are MCP's own). */
function toCallToolResult(result: ToolResult): CallToolResult {
  return result as unknown as CallToolResult;
}
