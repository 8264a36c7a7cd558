import {
  ContributionConflictError,
  ToolDeniedError,
  ToolFailedError,
  ToolInputInvalidError,
  ToolNotFoundError,
  ToolSchemaInvalidError,
  type JsonObject,
  type JsonSchema,
  type ToolCallOptions,
  type ToolDefinition,
  type ToolHandler,
  type ToolInfo,
  type ToolResult,
} from '@berth/sdk';
import type { EventBus } from '../api/events/event-bus.js';
import type { HookEngine } from '../api/hooks/hook-engine.js';
import { checkPublishedId, contributionId, publishedId } from './contribution-id.js';
import { invokeTool, type Invocation } from './tool-invocation.js';
import { asToolResult } from './tool-result.js';
import { createSchemaCompiler, type ArgumentCheck } from './tool-schema.js';

/** A tool as declared in a manifest's `contributes`, before its plugin runs (lazy activation). */
export type DeclaredTool = Omit<ToolDefinition, 'handler' | 'inputSchema'> & {
  /** The arguments' schema, when known before the plugin runs (default: any object). */
  readonly inputSchema?: JsonSchema;
};

/** A change of the registry, for `tools/list_changed`. */
export interface ToolChange {
  /** Added or removed. */
  readonly type: 'added' | 'removed';
  /** The tool. */
  readonly tool: ToolInfo;
}

/** Options of {@link ToolRegistry}. */
export interface ToolRegistryOptions {
  /** The hook engine (`tool:beforeCall` guards, `tool:afterCall` transformers). */
  readonly hooks: HookEngine;
  /** Where `contribution:added` / `contribution:removed` are emitted, if anywhere. */
  readonly events?: EventBus;
  /** The user's aliases (`HostConfig.aliases`): `<plugin>/<name>` → published id. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** A call's time limit when the caller sets none (default 60 000 ms). */
  readonly defaultTimeoutMs?: number;
}

/** One registered or declared tool. */
interface Entry {
  readonly info: ToolInfo;
  readonly wire: string;
  readonly check: ArgumentCheck;
  /** Set for a registered tool. */
  readonly handler?: ToolHandler;
  /** Set for a registered tool: what `invokeTool` runs (built once). */
  readonly invocation?: Invocation;
  /** Set for a declared tool: starts its plugin (once; cleared when it fails so the next call retries). */
  readonly activate?: () => Promise<void>;
  activation?: Promise<void>;
}

/**
 * The tool registry: every tool of every plugin under its published id, and the one way to call them —
 * lookup, lazy activation, argument validation, `tool:beforeCall` guards, the handler under a time limit and the
 * caller's signal, result normalisation, `tool:afterCall` transformers.
 */
export class ToolRegistry {
  readonly #hooks: HookEngine;
  readonly #events: EventBus | undefined;
  readonly #aliases: Readonly<Record<string, string>>;
  readonly #defaultTimeoutMs: number;
  readonly #compile = createSchemaCompiler();
  readonly #byId = new Map<string, Entry>();
  readonly #byWire = new Map<string, string>();
  readonly #declared = new Map<string, Entry>();
  readonly #listeners = new Set<(change: ToolChange) => void>();

  /** @param options - hooks, events, aliases and the default time limit */
  constructor(options: ToolRegistryOptions) {
    this.#hooks = options.hooks;
    this.#events = options.events;
    this.#aliases = options.aliases ?? {};
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 60_000;
  }

  /**
   * Registers `plugin`'s tool under `<plugin>/<name>` (or its alias). Returns its removal. Throws
   * `ContributionIdInvalidError`, `ContributionConflictError` (naming both plugins) or `ToolSchemaInvalidError`.
   * Replaces the plugin's own declaration of the same tool, if any.
   */
  register(plugin: string, definition: ToolDefinition): () => void {
    if (typeof definition?.handler !== 'function') {
      throw new TypeError(`plugin '${plugin}': tool '${String(definition?.name)}' has no handler function`);
    }
    const entry = this.#entry(plugin, definition, { handler: definition.handler as ToolHandler });
    this.#claim(entry);
    return () => this.#release(entry);
  }

  /**
   * Throws what `register(plugin, definition)` would throw if `plugin` held none of its ids yet; registers nothing.
   * A reload's new generation checks each tool with it before the switch (see `reload/staged-context.ts`).
   */
  check(plugin: string, definition: ToolDefinition): void {
    if (typeof definition?.handler !== 'function') {
      throw new TypeError(`plugin '${plugin}': tool '${String(definition?.name)}' has no handler function`);
    }
    const entry = this.#entry(plugin, definition, { handler: definition.handler as ToolHandler });
    const own = `${plugin}/${entry.info.name}`;
    const holder = this.#byId.get(entry.info.id);
    if (holder !== undefined && holder.info.plugin !== plugin) throw new ContributionConflictError('tool', entry.info.id, plugin, holder.info.plugin, own);
    const wireHolder = this.#byId.get(this.#byWire.get(entry.wire) ?? '');
    if (wireHolder !== undefined && wireHolder.info.plugin !== plugin) throw new ContributionConflictError('tool', entry.wire, plugin, wireHolder.info.plugin, own);
  }

  /**
   * Declares a tool of a plugin that is not started yet: it is listed at once, and its first call runs `activate`
   * (which starts the plugin, whose `register` then replaces this declaration) before dispatching. Returns the
   * removal of the declaration.
   */
  declare(plugin: string, tool: DeclaredTool, activate: () => Promise<void>): () => void {
    const entry = this.#entry(plugin, tool, { activate });
    this.#claim(entry);
    this.#declared.set(entry.info.id, entry);
    return () => {
      if (this.#declared.get(entry.info.id) === entry) this.#declared.delete(entry.info.id);
      this.#release(entry);
    };
  }

  /** Every tool, registered or declared, sorted by id. */
  list(): ToolInfo[] {
    return [...this.#byId.values()].map((e) => e.info).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The tool with this published id, if any. */
  get(id: string): ToolInfo | undefined {
    return this.#byId.get(id)?.info;
  }

  /** The MCP wire name of a published id (see `contribution-id.ts`), if the tool exists. */
  wireName(id: string): string | undefined {
    return this.#byId.get(id)?.wire;
  }

  /** The published id behind an MCP wire name, if any. */
  fromWireName(wire: string): string | undefined {
    return this.#byWire.get(wire);
  }

  /** Listens to additions and removals (for `notifications/tools/list_changed`); returns the unsubscribe. */
  onChange(listener: (change: ToolChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Removes every tool `plugin` registered (when it stops). Its declarations come back, ready to activate it again. */
  unregisterAll(plugin: string): void {
    for (const entry of [...this.#byId.values()]) if (entry.info.plugin === plugin && entry.handler !== undefined) this.#release(entry);
  }

  /** Removes every declaration of `plugin` (when it is disabled or uninstalled). */
  undeclareAll(plugin: string): void {
    for (const [id, entry] of [...this.#declared]) {
      if (entry.info.plugin !== plugin) continue;
      this.#declared.delete(id);
      this.#release(entry);
    }
  }

  /**
   * Calls a tool: validation (`ToolInputInvalidError` listing each violation), guards (`ToolDeniedError` naming
   * the guard's plugin), the handler (`ToolFailedError`, `CallTimeoutError`, `CallCancelledError`), then the
   * `tool:afterCall` transformers.
   */
  call(id: string, args: JsonObject, options: ToolCallOptions = {}): Promise<ToolResult> {
    try {
      const entry = this.#byId.get(id);
      if (entry?.handler === undefined) return this.#activateThenCall(id, args, options);
      return this.#callRegistered(entry, args, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Validates, then runs the handler — without a single `await` when no tool hook is registered. */
  #callRegistered(entry: Entry, args: JsonObject, options: ToolCallOptions): Promise<ToolResult> {
    const { id, plugin } = entry.info;
    const violations = entry.check(args);
    if (violations !== undefined) throw new ToolInputInvalidError(id, plugin, violations);
    if (this.#hooks.count('tool:beforeCall') === 0 && this.#hooks.count('tool:afterCall') === 0) {
      return this.#invoke(entry, args, options);
    }
    return this.#callHooked(entry, args, options);
  }

  /** The call with the guards before and the transformers after. */
  async #callHooked(entry: Entry, args: JsonObject, options: ToolCallOptions): Promise<ToolResult> {
    const { id, plugin } = entry.info;
    const info = { tool: id, plugin, args };
    const denial = await this.#hooks.guard(info);
    if (denial !== undefined) throw new ToolDeniedError(id, denial.plugin, denial.reason, denial.cause !== undefined ? { cause: denial.cause } : undefined);
    const result = await this.#invoke(entry, args, options);
    if (this.#hooks.count('tool:afterCall') === 0) return result;
    return asToolResult(await this.#hooks.transform('tool:afterCall', { ...info, result }));
  }

  #invoke(entry: Entry, args: JsonObject, options: ToolCallOptions): Promise<ToolResult> {
    const timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : this.#defaultTimeoutMs;
    return invokeTool(entry.invocation as Invocation, args, options, timeoutMs);
  }

  /** Starts the plugin of a declared tool (or reports an unknown id), then calls the registered tool. */
  async #activateThenCall(id: string, args: JsonObject, options: ToolCallOptions): Promise<ToolResult> {
    return this.#callRegistered(await this.#ready(id), args, options);
  }

  /** The registered entry for `id`, activating its plugin first when it is only declared. */
  async #ready(id: string): Promise<Entry> {
    const entry = this.#byId.get(id);
    if (entry === undefined) throw new ToolNotFoundError(id, [...this.#byId.keys()].sort());
    if (entry.handler !== undefined) return entry;
    try {
      entry.activation ??= (entry.activate as () => Promise<void>)();
      await entry.activation;
    } catch (error) {
      entry.activation = undefined;
      throw new ToolFailedError(id, entry.info.plugin, error);
    }
    const active = this.#byId.get(id);
    if (active?.handler === undefined) {
      throw new ToolFailedError(id, entry.info.plugin, new Error(`plugin '${entry.info.plugin}' started but did not register tool '${id}' that its plugin.json declares`));
    }
    return active;
  }

  #entry(plugin: string, tool: DeclaredTool, rest: Pick<Entry, 'handler' | 'activate'>): Entry {
    const own = contributionId(plugin, 'tool', tool.name);
    const id = publishedId(own, this.#aliases);
    const wire = checkPublishedId(plugin, 'tool', id);
    const info: ToolInfo = {
      id,
      plugin,
      name: tool.name,
      description: typeof tool.description === 'string' ? tool.description : '',
      inputSchema: tool.inputSchema ?? { type: 'object' },
      ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
      ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
    };
    const invocation = rest.handler !== undefined ? { invocation: { id, plugin, handler: rest.handler } } : {};
    return { info, wire, check: this.#compileInput(plugin, id, info.inputSchema), ...rest, ...invocation };
  }

  #compileInput(plugin: string, id: string, schema: JsonSchema): ArgumentCheck {
    try {
      return this.#compile(schema);
    } catch (error) {
      throw new ToolSchemaInvalidError(plugin, id, 'inputSchema', error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  /** Takes the entry's id and wire name, or throws the conflict. */
  #claim(entry: Entry): void {
    const { id, plugin } = entry.info;
    const own = `${plugin}/${entry.info.name}`;
    const holder = this.#byId.get(id);
    const replacesDeclaration = holder !== undefined && holder.handler === undefined && holder.info.plugin === plugin && entry.handler !== undefined;
    if (holder !== undefined && !replacesDeclaration) throw new ContributionConflictError('tool', id, plugin, holder.info.plugin, own);
    const wireHolder = this.#byWire.get(entry.wire);
    if (wireHolder !== undefined && wireHolder !== id) {
      throw new ContributionConflictError('tool', entry.wire, plugin, this.#byId.get(wireHolder)?.info.plugin ?? '?', own);
    }
    this.#byId.set(id, entry);
    this.#byWire.set(entry.wire, id);
    if (!replacesDeclaration) this.#changed('added', entry.info);
  }

  /** Gives up the entry's id; a registered tool hands it back to its declaration, if there is one. */
  #release(entry: Entry): void {
    const { id } = entry.info;
    if (this.#byId.get(id) !== entry) return;
    const declaration = this.#declared.get(id);
    if (declaration !== undefined && declaration !== entry) {
      declaration.activation = undefined;
      this.#byId.set(id, declaration);
      return;
    }
    this.#byId.delete(id);
    this.#byWire.delete(entry.wire);
    this.#changed('removed', entry.info);
  }

  #changed(type: ToolChange['type'], tool: ToolInfo): void {
    this.#events?.emitHost(type === 'added' ? 'contribution:added' : 'contribution:removed', { kind: 'tool', id: tool.id, plugin: tool.plugin });
    for (const listener of this.#listeners) {
      try {
        listener({ type, tool });
      } catch {
        // A change listener's failure is its own; the registry goes on.
      }
    }
  }
}
