import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** One violation of a tool's input schema. */
export interface ToolInputViolation {
  /** A JSON pointer into the arguments (`''` for the whole object). */
  readonly path: string;
  /** What is wrong there. */
  readonly message: string;
}

/** No tool with that id is registered or declared. */
export class ToolNotFoundError extends BerthError {
  /**
   * @param id - the id asked for
   * @param known - the ids that do exist (the first few are named in the message)
   */
  constructor(id: string, known: readonly string[] = []) {
    const list = known.length > 0 ? `; known tools: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}` : '';
    super(ErrorCodes.TOOL_NOT_FOUND, `no tool '${id}' is registered (run: berth tools list)${list}`, {
      tool: id,
      hint: 'berth tools list',
    });
  }
}

/** A tool's input or output schema does not compile. */
export class ToolSchemaInvalidError extends BerthError {
  /**
   * @param plugin - the plugin registering the tool
   * @param tool - the tool's namespaced id
   * @param field - `inputSchema` or `outputSchema`
   * @param reason - what the schema compiler said
   */
  constructor(plugin: string, tool: string, field: 'inputSchema' | 'outputSchema', reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.TOOL_SCHEMA_INVALID,
      `plugin '${plugin}': tool '${tool}' has an invalid ${field}: ${reason} (fix the JSON Schema passed to tools.register)`,
      { plugin, tool, field, hint: `fix the ${field} of '${tool}'` },
      options,
    );
  }
}

/** The arguments of a call failed the tool's input schema; `violations` lists each problem. */
export class ToolInputInvalidError extends BerthError {
  /**
   * @param tool - the tool's id
   * @param plugin - the plugin that owns it
   * @param violations - every violation found
   */
  constructor(tool: string, plugin: string, violations: readonly ToolInputViolation[]) {
    const lines = violations.map((v) => `  ${v.path === '' ? '(arguments)' : v.path}: ${v.message}`).join('\n');
    super(
      ErrorCodes.TOOL_INPUT_INVALID,
      `invalid arguments for tool '${tool}' (plugin '${plugin}'), ${violations.length} problem(s):\n${lines}`,
      { plugin, tool, violations, hint: 'fix the arguments to match the tool inputSchema (see: berth tools list --json)' },
    );
  }

  /** Each violation, as data. */
  get violations(): readonly ToolInputViolation[] {
    return this.details['violations'] as readonly ToolInputViolation[];
  }
}

/** A `tool:beforeCall` guard denied the call (or failed, which denies it too: guards fail closed). */
export class ToolDeniedError extends BerthError {
  /**
   * @param tool - the tool's id
   * @param guard - the plugin whose guard denied it
   * @param reason - the guard's reason (or what went wrong in the guard)
   */
  constructor(tool: string, guard: string, reason: string, options?: ErrorOptions) {
    super(ErrorCodes.TOOL_DENIED, `call to tool '${tool}' denied by the guard of plugin '${guard}': ${reason}`, {
      plugin: guard,
      tool,
      guard,
      reason,
      hint: `ask the owner of plugin '${guard}', or disable it: berth plugins disable ${guard}`,
    }, options);
  }
}

/** A call (tool call, hook handler, provider request) exceeded its time limit. */
export class CallTimeoutError extends BerthError {
  /**
   * @param what - what was called, e.g. `tool 'a/echo'`
   * @param plugin - the plugin whose code did not answer in time
   * @param timeoutMs - the limit
   */
  constructor(what: string, plugin: string, timeoutMs: number) {
    super(ErrorCodes.CALL_TIMEOUT, `${what} of plugin '${plugin}' did not finish within ${timeoutMs} ms`, {
      plugin,
      target: what,
      timeoutMs,
      hint: 'raise the time limit (timeoutMs) or make the handler faster',
    });
  }
}

/** The caller cancelled the call through its `AbortSignal`. */
export class CallCancelledError extends BerthError {
  /**
   * @param what - what was called, e.g. `tool 'a/echo'`
   * @param plugin - the plugin whose code was running
   */
  constructor(what: string, plugin: string) {
    super(ErrorCodes.CALL_CANCELLED, `${what} of plugin '${plugin}' was cancelled by the caller`, {
      plugin,
      target: what,
      hint: 'nothing to fix: the caller cancelled',
    });
  }
}

/** A tool handler threw or rejected; the cause is the handler's own error. */
export class ToolFailedError extends BerthError {
  /**
   * @param tool - the tool's id
   * @param plugin - the plugin that owns it
   * @param cause - what the handler threw
   */
  constructor(tool: string, plugin: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(ErrorCodes.TOOL_FAILED, `tool '${tool}' of plugin '${plugin}' failed: ${reason}`, {
      plugin,
      tool,
      hint: `see the logs of plugin '${plugin}' (berth plugins inspect ${plugin})`,
    }, { cause });
  }
}
