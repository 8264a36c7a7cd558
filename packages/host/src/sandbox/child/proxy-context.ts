import type {
  EventsApi,
  HooksApi,
  JsonObject,
  JsonValue,
  LogFn,
  Logger,
  McpApi,
  PluginConfigView,
  PluginContext,
  ProvidersApi,
  ServicesApi,
  ToolCallOptions,
  ToolInfo,
  ToolProgress,
  ToolResult,
  ToolsApi,
} from '@berth/sdk';
import { ChildToHost, ChildToHostNotice, type RegistrationResult, type StartParams } from '../../rpc/protocol.js';
import { reportDenial } from './denials.js';
import { permissionDenied } from './errors.js';
import type { HandlerTable } from './handler-table.js';
import type { HostLink } from './link.js';
import { splitSignal, toJson } from './signals.js';

/** What the proxy context needs besides the link: the handler table and the calls awaiting progress. */
export interface ProxyDeps {
  readonly link: HostLink;
  readonly handlers: HandlerTable;
  /** Progress listeners of this plugin's own `tools.call`s, by token. */
  readonly progress: Map<string, (update: ToolProgress) => void>;
  /** Registrations still on their way to the host: `plugin/start` answers only once they all landed. */
  readonly pending: Set<Promise<unknown>>;
}

/**
 * Builds the `PluginContext` a sandboxed plugin receives. Every call crosses the channel to the real context in
 * the host, which checks permissions; functions stay here and the host gets handler ids.
 */
export function createProxyContext(start: StartParams, deps: ProxyDeps): PluginContext {
  const granted = new Set(start.granted);
  const tools = toolsApi(deps);
  const providers = providersApi(deps);
  const log = logger(deps.link);
  // The host services whose methods take handlers (a provider object, a tool handler) are the local APIs here:
  // `services.get(ProviderRegistryRef).register(provider)` must work as `context.providers.register(provider)`.
  const local: Readonly<Record<string, unknown>> = { 'berth.providers': providers, 'berth.tools': tools, 'berth.logger': log };
  return Object.freeze({
    plugin: Object.freeze({ name: start.name, version: start.version, dir: start.dir }),
    services: servicesApi(start.name, granted, deps, local),
    hooks: hooksApi(deps),
    events: eventsApi(deps),
    tools,
    providers,
    mcp: mcpApi(deps),
    config: configView(start.config),
    logger: log,
    dataDir: start.dataDir,
  });
}

/** Sends a registering request; returns the sync unregister function the API promises. */
function register(deps: ProxyDeps, method: string, params: object, handler: number): () => void {
  const sent = deps.link.request<RegistrationResult>(method, params);
  deps.pending.add(sent);
  void sent.then(
    () => deps.pending.delete(sent),
    () => deps.pending.delete(sent),
  );
  let done = false;
  return () => {
    if (done) return;
    done = true;
    deps.handlers.remove(handler);
    void sent.then(
      ({ registration }) => deps.link.request(ChildToHost.unregister, { registration }),
      () => undefined,
    ).catch(() => undefined);
  };
}

function servicesApi(plugin: string, granted: ReadonlySet<string>, deps: ProxyDeps, local: Readonly<Record<string, unknown>>): ServicesApi {
  return {
    get<T>(ref: { id: string; permission?: string }): T {
      if (Object.hasOwn(local, ref.id) && ref.permission === undefined) return local[ref.id] as T;
      if (ref.permission !== undefined && !granted.has(ref.permission)) {
        reportDenial({ permission: ref.permission, target: `service '${ref.id}'` });
        throw permissionDenied(plugin, ref.permission, `service '${ref.id}'`);
      }
      const call = (method: string, args: unknown[]): Promise<unknown> => {
        const { args: data, signal } = splitSignal(args);
        const params = { service: ref.id, method, args: data };
        return deps.link.request(ChildToHost.servicesCall, params, signal);
      };
      return new Proxy(Object.create(null) as object, {
        get: (_target, key) => (typeof key !== 'string' || key === 'then' ? undefined : (...args: unknown[]) => call(key, args)),
      }) as T;
    },
    provide<T>(ref: { id: string; permission?: string }, implementation: T): () => void {
      const spec = deps.handlers.addObject(implementation as object, []);
      const params = { service: ref.id, ...(ref.permission !== undefined ? { permission: ref.permission } : {}), object: spec };
      return register(deps, ChildToHost.servicesProvide, params, spec.handler);
    },
  };
}

function hooksApi(deps: ProxyDeps): HooksApi {
  return {
    on(name, handler, options) {
      const id = deps.handlers.addFunction(handler as (...args: unknown[]) => unknown);
      return register(deps, ChildToHost.hooksOn, { name, handler: id, ...(options !== undefined ? { options: toJson(options) } : {}) }, id);
    },
  };
}

function eventsApi(deps: ProxyDeps): EventsApi {
  return {
    on(event: string, listener: (payload: never) => void | Promise<void>): () => void {
      const id = deps.handlers.addFunction(listener as (...args: unknown[]) => unknown);
      return register(deps, ChildToHost.eventsOn, { event, handler: id }, id);
    },
    emit(event, payload) {
      deps.link.notify(ChildToHostNotice.eventsEmit, { event, ...(payload !== undefined ? { payload: toJson(payload) } : {}) });
    },
  };
}

let callTokens = 0;

function toolsApi(deps: ProxyDeps): ToolsApi {
  return {
    register(definition) {
      const { handler, ...data } = definition;
      const id = deps.handlers.addTool(handler as never);
      return register(deps, ChildToHost.toolsRegister, { ...(toJson(data) as JsonObject), handler: id }, id);
    },
    list: () => deps.link.request<readonly ToolInfo[]>(ChildToHost.toolsList, {}),
    async call(id: string, args: JsonObject, options?: ToolCallOptions): Promise<ToolResult> {
      const token = `c${++callTokens}`;
      if (options?.onProgress !== undefined) deps.progress.set(token, options.onProgress);
      try {
        const params = { id, args: toJson(args), token, ...(options?.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
        return await deps.link.request<ToolResult>(ChildToHost.toolsCall, params, options?.signal);
      } finally {
        deps.progress.delete(token);
      }
    },
  };
}

function providersApi(deps: ProxyDeps): ProvidersApi {
  return {
    register(provider) {
      const spec = deps.handlers.addObject(provider, ['stream', 'streamWire']);
      return register(deps, ChildToHost.providersRegister, { object: spec }, spec.handler);
    },
  };
}

function mcpApi(deps: ProxyDeps): McpApi {
  return { list: () => deps.link.request(ChildToHost.mcpList, {}) };
}

function configView(config: JsonObject): PluginConfigView {
  return {
    get<T extends JsonValue = JsonValue>(key: string): T | undefined {
      return Object.hasOwn(config, key) ? (structuredClone(config[key]) as T) : undefined;
    },
    all: () => Object.freeze(structuredClone(config)),
  };
}

function logger(link: HostLink): Logger {
  const level = (name: string): LogFn =>
    ((first: unknown, second?: unknown) => {
      const fields = typeof first === 'object' && first !== null ? toJson(first) : undefined;
      const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      link.notify(ChildToHostNotice.log, { level: name, message, ...(fields !== undefined ? { fields } : {}) });
    }) as LogFn;
  return { trace: level('trace'), debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
