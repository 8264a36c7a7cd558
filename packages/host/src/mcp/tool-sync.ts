import type { Tool } from '@modelcontextprotocol/client';
import type { JsonObject, Logger, ToolResult } from '@berth/sdk';
import { toToolDefinition } from './tool-bridge.js';
import type { ToolRegistrar } from './tool-registrar.js';
import type { McpCallOptions } from './connection.js';

/** Calls a server tool by its own name. */
type ServerToolCaller = (name: string, args: JsonObject, options: McpCallOptions) => Promise<ToolResult>;

interface Registered {
  readonly fingerprint: string;
  readonly unregister: () => void;
}

/**
 * Keeps the registry in step with an MCP server's tool list: registers new tools, re-registers changed ones,
 * removes the ones the server dropped. A tool the registry refuses (a bad or clashing name) is logged and skipped.
 */
export class McpToolSync {
  readonly #registered = new Map<string, Registered>();
  #tools: readonly Tool[] = [];
  #withoutOutput = new Set<string>();

  /**
   * @param plugin - the owning plugin
   * @param logger - where refusals are reported
   * @param register - the registry's `register`, or undefined to only track the list
   * @param call - calls a server tool
   */
  constructor(
    private readonly plugin: string,
    private readonly logger: Logger,
    private readonly register: ToolRegistrar | undefined,
    private readonly call: ServerToolCaller,
  ) {}

  /** The server's tools as last listed. */
  get tools(): readonly Tool[] {
    return this.#tools;
  }

  /** True when the server listed `name` last time without an output schema. */
  declaresNoOutput(name: string): boolean {
    return this.#withoutOutput.has(name);
  }

  /** Applies a fresh listing. */
  update(tools: readonly Tool[]): void {
    this.#tools = tools;
    this.#withoutOutput = new Set(tools.filter((tool) => tool.outputSchema === undefined).map((tool) => tool.name));
    if (this.register === undefined) return;
    const next = new Map(tools.map((tool) => [tool.name, tool]));
    for (const [name, entry] of this.#registered) {
      const tool = next.get(name);
      if (tool === undefined || fingerprintOf(tool) !== entry.fingerprint) {
        entry.unregister();
        this.#registered.delete(name);
      }
    }
    for (const tool of tools) if (!this.#registered.has(tool.name)) this.#add(this.register, tool);
  }

  /** Unregisters every tool. */
  clear(): void {
    for (const entry of this.#registered.values()) entry.unregister();
    this.#registered.clear();
    this.#tools = [];
    this.#withoutOutput = new Set();
  }

  #add(register: ToolRegistrar, tool: Tool): void {
    // Progress is asked of the server only when the caller listens: a progress token costs the server a
    // notification route and the client a handler per call.
    const definition = toToolDefinition(tool, (args, context) =>
      this.call(tool.name, args, context.progressWanted === false ? { signal: context.signal } : { signal: context.signal, onProgress: (update) => context.progress(update) }),
    );
    try {
      this.#registered.set(tool.name, { fingerprint: fingerprintOf(tool), unregister: register(this.plugin, definition) });
    } catch (error) {
      this.logger.warn({ err: error }, `tool '${tool.name}' of the MCP server of plugin '${this.plugin}' was not registered`);
    }
  }
}

function fingerprintOf(tool: Tool): string {
  return JSON.stringify([tool.description, tool.inputSchema, tool.outputSchema, tool.annotations]);
}
