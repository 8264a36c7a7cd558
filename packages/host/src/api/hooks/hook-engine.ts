import { PermissionDeniedError, type HookHandler, type HookMap, type HookName, type HookOptions, type Logger, type ToolCallInfo } from '@berth/sdk';
import { HookFailedError } from '@berth/sdk';
import type { PermissionGate } from '../../permissions/gate.js';
import { runBail } from './bail.js';
import type { FailurePolicy } from './failure-policy.js';
import { denialReason, isAllow } from './guard-verdict.js';
import { HOOK_DEFINITIONS, type HookDefinition, type ObserverHookName, type WaterfallHookName, type WaterfallValue } from './hook-definitions.js';
import type { HookEntry } from './hook-entry.js';
import { orderHandlers } from './order.js';
import { runParallel } from './parallel.js';
import { runSeries } from './series.js';
import { runWaterfall } from './waterfall.js';

/** Options of {@link HookEngine}. */
export interface HookEngineOptions {
  /** Where hook permissions (`hooks.tools`, `hooks.providers`) are checked. */
  readonly gate: PermissionGate;
  /** Where failures of fail-open hooks are logged (with the plugin's name). */
  readonly logger: Logger;
  /** A handler's time limit when it sets none (default 5 000 ms). */
  readonly defaultTimeoutMs?: number;
  /** The largest time limit a handler may ask for (default 60 000 ms). */
  readonly maxTimeoutMs?: number;
}

/** A guard's denial: whose guard, and why. */
export interface GuardDenial {
  /** The plugin whose guard denied (or failed). */
  readonly plugin: string;
  /** The guard's reason, or what went wrong in it. */
  readonly reason: string;
  /** The guard's failure, when it failed rather than denied. */
  readonly cause?: HookFailedError;
}

/** The label of the host's own handlers; never a valid plugin name. */
export const HOST_HANDLER = '(host)';

/**
 * The hook engine: typed, named hook points (the SDK's `HookMap`), each dispatched by its semantics (series,
 * parallel, waterfall, bail — see `HOOK_DEFINITIONS`), with ordering, per-handler time limits and a failure policy
 * per hook. One engine serves the whole host; each plugin reaches it through its context.
 */
export class HookEngine {
  readonly #gate: PermissionGate;
  readonly #logger: Logger;
  readonly #defaultTimeoutMs: number;
  readonly #maxTimeoutMs: number;
  readonly #handlers = new Map<HookName, readonly HookEntry[]>();
  readonly #openPolicy: FailurePolicy;
  #seq = 0;

  /** @param options - the gate, the logger and the time limits */
  constructor(options: HookEngineOptions) {
    this.#gate = options.gate;
    this.#logger = options.logger;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 5_000;
    this.#maxTimeoutMs = options.maxTimeoutMs ?? 60_000;
    this.#openPolicy = { mode: 'open', report: (error) => this.#report(error) };
  }

  /**
   * Adds `plugin`'s handler to hook `name`; returns its unregister function. Throws `PermissionDeniedError` when
   * the hook needs a permission the plugin does not hold, and `TypeError` for an unknown hook.
   */
  on<K extends HookName>(plugin: string, name: K, handler: HookHandler<K>, options: HookOptions = {}): () => void {
    const permission = this.#definition(name).permission;
    if (permission !== undefined && !this.#gate.check(plugin, permission, `hook '${name}'`)) {
      throw new PermissionDeniedError(plugin, permission, `hook '${name}'`);
    }
    return this.#add(plugin, name, handler as HookEntry['handler'], options);
  }

  /** Adds a handler of the host itself (no permission check). Returns its unregister function. */
  onHost<K extends HookName>(name: K, handler: HookHandler<K>, options: HookOptions = {}): () => void {
    this.#definition(name);
    return this.#add(HOST_HANDLER, name, handler as HookEntry['handler'], options);
  }

  /** Removes every handler `plugin` registered (when it stops). */
  removeAll(plugin: string): void {
    for (const [name, entries] of this.#handlers) {
      if (entries.some((e) => e.plugin === plugin)) this.#set(name, entries.filter((e) => e.plugin !== plugin));
    }
  }

  /** How many handlers hook `name` has (callers skip building payloads for hooks nobody listens to). */
  count(name: HookName): number {
    return this.#handlers.get(name)?.length ?? 0;
  }

  /** The plugins with handlers on `name`, in the order they run. */
  plugins(name: HookName): readonly string[] {
    return (this.#handlers.get(name) ?? []).map((e) => e.plugin);
  }

  /**
   * Runs the `tool:beforeCall` guards (bail, fails closed). Returns the first denial — a guard that denies, or
   * one that throws, times out or answers something malformed — or `undefined` when every guard lets it through.
   */
  async guard(payload: ToolCallInfo): Promise<GuardDenial | undefined> {
    const entries = this.#handlers.get('tool:beforeCall');
    if (entries === undefined || entries.length === 0) return undefined;
    try {
      const answer = await runBail<unknown>('tool:beforeCall', entries, payload, { mode: 'closed', report: () => {} }, (v) => !isAllow(v));
      return answer === undefined ? undefined : { plugin: answer.plugin, reason: denialReason(answer.value) };
    } catch (error) {
      const failed = error as HookFailedError;
      const cause = failed.cause instanceof Error ? failed.cause.message : String(failed.cause);
      return { plugin: failed.plugin ?? 'unknown', reason: `its guard failed (${cause}), so the call is denied`, cause: failed };
    }
  }

  /** Runs a waterfall hook (fails closed: throws `HookFailedError`); returns the final value. */
  async transform<K extends WaterfallHookName>(name: K, payload: HookMap[K]['payload']): Promise<WaterfallValue<K>> {
    const definition = HOOK_DEFINITIONS[name];
    const entries = this.#handlers.get(name) ?? [];
    const record = payload as unknown as Readonly<Record<string, unknown>>;
    if (entries.length === 0) return record[definition.field] as WaterfallValue<K>;
    return runWaterfall<WaterfallValue<K>>(name, entries, record, definition.field, { mode: 'closed', report: () => {} });
  }

  /** Runs an observer hook (series or parallel, fails open: failures are logged with the plugin's name). */
  notify<K extends ObserverHookName>(name: K, payload: HookMap[K]['payload']): Promise<void> {
    const entries = this.#handlers.get(name);
    if (entries === undefined || entries.length === 0) return Promise.resolve();
    return HOOK_DEFINITIONS[name].semantics === 'series'
      ? runSeries(name, entries, payload, this.#openPolicy)
      : runParallel(name, entries, payload, this.#openPolicy);
  }

  #add(plugin: string, name: HookName, handler: HookEntry['handler'], options: HookOptions): () => void {
    if (typeof handler !== 'function') throw new TypeError(`plugin '${plugin}': the handler of hook '${name}' is not a function`);
    const entry: HookEntry = {
      plugin,
      handler,
      order: options.order === 'pre' || options.order === 'post' ? options.order : undefined,
      before: Array.isArray(options.before) ? options.before.filter((p): p is string => typeof p === 'string') : [],
      timeoutMs: this.#limit(options.timeoutMs),
      seq: this.#seq++,
    };
    this.#set(name, [...(this.#handlers.get(name) ?? []), entry]);
    return () => this.#set(name, (this.#handlers.get(name) ?? []).filter((e) => e !== entry));
  }

  #limit(timeoutMs: number | undefined): number {
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) return this.#defaultTimeoutMs;
    return Math.min(timeoutMs, this.#maxTimeoutMs);
  }

  #set(name: HookName, entries: readonly HookEntry[]): void {
    // Replaced, never mutated: a dispatch in flight keeps the list it started with.
    this.#handlers.set(name, orderHandlers(entries));
  }

  #definition(name: HookName): HookDefinition {
    if (!Object.hasOwn(HOOK_DEFINITIONS, name)) {
      throw new TypeError(`unknown hook '${String(name)}'; the hooks are: ${Object.keys(HOOK_DEFINITIONS).join(', ')}`);
    }
    return HOOK_DEFINITIONS[name];
  }

  #report(error: HookFailedError): void {
    this.#logger.error({ err: error, plugin: error.plugin, hook: error.details['hook'] }, error.message);
  }
}
