import {
  PluginStateError,
  type EventsApi,
  type HookHandler,
  type HookName,
  type HookOptions,
  type JsonObject,
  type JsonValue,
  type PluginContext,
  type Provider,
  type ServiceRef,
  type ToolCallOptions,
  type ToolDefinition,
} from '@berth/sdk';
import type { PluginContextHandle } from '../api/context.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { ToolRegistry } from '../registry/tool-registry.js';
import { CallTracker } from './call-tracker.js';
import { trackProvider } from './track-provider.js';

/** The registries a staged generation checks its contributions against before the switch. */
export interface StagingChecks {
  /** The tool registry (`check`). */
  readonly tools: ToolRegistry;
  /** The provider registry (`check`). */
  readonly providers: ProviderRegistry;
}

/**
 * One generation of a plugin's context: the host-side context of one start of its code, whose calls are
 * counted. A *staged* generation (a reload's new version, starting beside the running one) keeps every
 * registration — tools, providers, hooks, listeners, services — to itself until {@link GenerationHandle.commit}
 * applies them all in one synchronous step; a live one registers at once.
 */
export interface GenerationHandle extends PluginContextHandle {
  /** The calls running on this generation. */
  readonly calls: CallTracker;
  /** Whether registrations are still held back. */
  readonly staged: boolean;
  /**
   * Applies the held-back registrations, in the order they were made, and makes later ones immediate. Synchronous,
   * so no caller can see a state between. Returns the registrations that failed (normally none: each was checked
   * when made).
   */
  commit(): Error[];
  /** Forgets the held-back registrations and refuses any later one; never touches what is registered. */
  discard(): void;
}

interface Pending {
  readonly apply: () => () => void;
  remove?: () => void;
}

const handles = new WeakMap<PluginContextHandle, GenerationHandle>();

/** The generation behind a record's context handle, when it was made by {@link generationContext}. */
export function generationOf(handle: PluginContextHandle | undefined): GenerationHandle | undefined {
  return handle === undefined ? undefined : handles.get(handle);
}

/**
 * Wraps a plugin's host-side context (from `createPluginContext`) as a generation: live (no `staging`) or staged
 * (with `staging`, the registries to check contributions against while they are held back).
 */
export function generationContext(inner: PluginContextHandle, staging?: StagingChecks): GenerationHandle {
  const calls = new CallTracker();
  const real = inner.context;
  const plugin = real.plugin.name;
  const held = new Set<Pending>();
  let staged = staging !== undefined;
  let alive = true;

  const assertAlive = (operation: string): void => {
    if (!alive) throw new PluginStateError(plugin, 'stopped', operation);
  };
  const enlist = (operation: string, apply: () => () => void): (() => void) => {
    assertAlive(operation);
    if (!staged) return apply();
    const pending: Pending = { apply };
    held.add(pending);
    return () => (pending.remove !== undefined ? pending.remove() : void held.delete(pending));
  };
  const track = <F>(fn: F, what: string): F => (typeof fn === 'function' ? (calls.wrap(fn as (...a: unknown[]) => unknown, what) as F) : fn);

  const enlistCheck = (operation: string, check: () => void): void => {
    assertAlive(operation);
    check();
  };
  const hooksOn = <K extends HookName>(name: K, handler: HookHandler<K>, options?: HookOptions): (() => void) => {
    // A staged hook is checked (name, permission) by adding and removing it at once: nothing runs in between.
    if (staged) enlistCheck(`add a '${name}' hook handler for`, () => real.hooks.on(name, handler, options)());
    return enlist(`add a '${name}' hook handler for`, () => real.hooks.on(name, track(handler, `hook '${name}'`), options));
  };
  const events: EventsApi = {
    on: ((event: string, listener: (payload: never) => void) =>
      enlist(`listen to '${event}' for`, () =>
        real.events.on(event as `${string}:${string}`, track(listener, `listener of '${event}'`) as (payload: JsonValue) => void),
      )) as EventsApi['on'],
    emit: (event, payload) => {
      assertAlive(`emit '${event}' for`);
      real.events.emit(event, payload);
    },
  };
  const context: PluginContext = Object.freeze({
    plugin: real.plugin,
    services: {
      get: <T>(ref: ServiceRef<T>): T => real.services.get(ref),
      provide: <T>(ref: ServiceRef<T>, implementation: T): (() => void) => {
        if (staged && (typeof implementation !== 'object' || implementation === null)) {
          throw new TypeError(`plugin '${plugin}': service '${String(ref?.id)}' must be an object of methods`);
        }
        return enlist(`provide service '${String(ref?.id)}' for`, () => real.services.provide(ref, implementation));
      },
    },
    hooks: { on: hooksOn },
    events,
    tools: {
      register: <Args extends JsonObject>(definition: ToolDefinition<Args>): (() => void) => {
        if (staged) enlistCheck('register a tool for', () => staging?.tools.check(plugin, definition as unknown as ToolDefinition));
        const tracked = typeof definition?.handler === 'function' ? { ...definition, handler: track(definition.handler, `tool '${String(definition.name)}'`) } : definition;
        return enlist('register a tool for', () => real.tools.register(tracked));
      },
      list: () => real.tools.list(),
      call: (id: string, args: JsonObject, options?: ToolCallOptions) => real.tools.call(id, args, options),
    },
    providers: {
      register: (provider: Provider): (() => void) => {
        if (staged) enlistCheck('register a provider for', () => staging?.providers.check(plugin, provider));
        const tracked = trackProvider(provider, calls);
        return enlist('register a provider for', () => real.providers.register(tracked));
      },
    },
    mcp: real.mcp,
    config: real.config,
    logger: real.logger,
    dataDir: real.dataDir,
  });

  const handle: GenerationHandle = {
    context,
    calls,
    get staged() {
      return staged;
    },
    commit(): Error[] {
      staged = false;
      const problems: Error[] = [];
      for (const pending of held) {
        try {
          pending.remove = pending.apply();
        } catch (error) {
          problems.push(error instanceof Error ? error : new Error(String(error)));
        }
      }
      held.clear();
      return problems;
    },
    discard(): void {
      alive = false;
      held.clear();
    },
    dispose(): void {
      alive = false;
      held.clear();
      inner.dispose();
    },
  };
  handles.set(handle, handle);
  return handle;
}
