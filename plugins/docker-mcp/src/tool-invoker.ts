import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { BerthError, DockerUnreachableError, ErrorCodes } from '@berth/sdk';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { DockerConnection } from './docker/connection.js';
import type { DockerEndpoint } from './docker/endpoint.js';
import { toBerthError } from './docker/errors.js';
import type { SessionIdentity } from './session.js';
import { PLUGIN_NAME } from './settings.js';
import type { DockerMcpSettings } from './settings.js';
import type { DockerTool, ToolContext } from './tools/tool.js';

/** What every call shares. */
export interface InvokerEnvironment {
  /** The negotiated engine connection. */
  readonly connection: DockerConnection;
  /** The plugin's settings. */
  readonly settings: DockerMcpSettings;
  /** This server run. */
  readonly session: SessionIdentity;
  /** Where the engine is. */
  readonly endpoint: DockerEndpoint;
  /** Socket paths no mount or copy may expose. */
  readonly protectedSockets: readonly string[];
}

/** Reports progress. */
type Progress = (progress: number, total?: number, message?: string) => Promise<void>;

/** An MCP error result carrying the Berth error's code and message. */
function errorResult(error: BerthError): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: error.message }],
    structuredContent: { error: { code: error.code, message: error.message, details: error.details } },
  };
}

/**
 * Calls tools: finds the tool, runs its policy precheck, validates the arguments against its JSON Schema,
 * connects (negotiating the API version), runs it, and turns any failure into an error result a user can act on.
 * An unreachable engine resets the connection, so the next call renegotiates once Docker is back.
 */
export class ToolInvoker {
  readonly #tools = new Map<string, { tool: DockerTool; validate: ValidateFunction }>();

  /**
   * @param tools - the tools offered
   * @param environment - what every call shares
   */
  constructor(
    tools: readonly DockerTool[],
    readonly environment: InvokerEnvironment,
  ) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    for (const tool of tools) this.#tools.set(tool.name, { tool, validate: ajv.compile(tool.inputSchema) });
  }

  /** Calls `name` with `args`; never throws (errors become `isError` results). */
  async call(name: string, args: Record<string, unknown>, signal: AbortSignal, progress: Progress): Promise<CallToolResult> {
    const entry = this.#tools.get(name);
    if (entry === undefined) {
      const why = this.environment.settings.readOnly ? ' (read-only mode offers only tools that change nothing)' : '';
      return errorResult(new BerthError(ErrorCodes.TOOL_NOT_FOUND, `plugin '${PLUGIN_NAME}' has no tool '${name}'${why}`, { plugin: PLUGIN_NAME }));
    }
    try {
      entry.tool.precheck?.(args);
      if (!entry.validate(args)) {
        const problem = entry.validate.errors?.[0];
        const where = problem?.instancePath !== undefined && problem.instancePath !== '' ? problem.instancePath : '(arguments)';
        const detail = problem?.params !== undefined && 'additionalProperty' in problem.params ? ` '${String(problem.params['additionalProperty'])}'` : '';
        throw new BerthError(ErrorCodes.TOOL_INPUT_INVALID, `plugin '${PLUGIN_NAME}', tool '${name}': ${where} ${problem?.message ?? 'is invalid'}${detail}`, {
          plugin: PLUGIN_NAME,
          path: where,
        });
      }
      const context = await this.#context(entry.tool, signal, progress);
      const outcome = await entry.tool.run(args, context);
      return { content: [{ type: 'text', text: outcome.summary }], structuredContent: { ...outcome.data } };
    } catch (error) {
      const failure = toBerthError(error, `${name}`, this.environment.endpoint.display);
      if (failure instanceof DockerUnreachableError) this.environment.connection.reset(failure.message);
      return errorResult(failure);
    }
  }

  /** The context of one call. */
  async #context(tool: DockerTool, signal: AbortSignal, progress: Progress): Promise<ToolContext> {
    const { connection } = this.environment;
    const docker = tool.offline === true ? (undefined as never) : await connection.client();
    return { ...this.environment, docker, signal, progress, health: () => connection.health() };
  }
}
