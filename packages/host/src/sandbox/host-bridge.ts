import { RpcRefusedError, type JsonObject, type PluginContext, type Provider, type ToolProgress } from '@berth/sdk';
import type { z } from 'zod';
import type { AuditRecord } from '../permissions/audit-log.js';
import { ChildToHost, ChildToHostNotice } from '../rpc/protocol.js';
import type { RpcConnection } from '../rpc/connection.js';
import { ResponseError, toResponseError } from '../rpc/wire-error.js';
import * as schema from './bridge-schemas.js';
import type { ChildCalls } from './calls.js';
import { RateLimit } from './rate-limit.js';
import { remoteFunction, remoteObject, remoteToolHandler } from './remote.js';

/** Most live registrations (tools, hooks, listeners, services, providers) one plugin may hold. */
export const MAX_REGISTRATIONS = 10_000;
/** Most log lines per second one plugin may write through its logger (more are dropped, and audited once). */
export const LOG_LINES_PER_SECOND = 2_000;

/** What the bridge serves a child from. */
export interface BridgeDeps {
  /** The plugin's name. */
  readonly plugin: string;
  /** The real, host-side context: every permission check lives there. */
  readonly context: PluginContext;
  /** Calls into the child (for the handlers it registers). */
  readonly calls: ChildCalls;
  /** Where refusals and child-reported denials go. */
  readonly audit: (record: Omit<AuditRecord, 'time'>) => void;
  /** Told about each heartbeat. */
  readonly onHeartbeat: () => void;
  /** Told about each line the plugin logs. */
  readonly onLog?: (level: string, message: string) => void;
}

/** The bridge's handle: removes everything the child registered (on exit, before a restart). */
export interface Bridge {
  /** Unregisters every tool, hook, listener, service and provider the child registered. */
  disposeAll(): void;
}

/**
 * Serves the child's requests from the real context. Every params object is validated (refused, audited and
 * answered with an error when invalid); unknown methods are refused and audited; the plugin's functions stay in
 * the child and the host gets stubs calling them by id.
 */
export function attachBridge(connection: RpcConnection, deps: BridgeDeps): Bridge {
  const registrations = new Map<number, () => void>();
  let next = 0;
  const logLimit = new RateLimit({
    max: LOG_LINES_PER_SECOND,
    windowMs: 1000,
    onDrop: () => deps.audit({ plugin: deps.plugin, permission: 'log', target: 'log lines', allowed: false, source: 'sandbox', detail: `more than ${LOG_LINES_PER_SECOND} lines per second: dropped` }),
  });
  const keep = (unregister: () => void): { registration: number } => {
    if (registrations.size >= MAX_REGISTRATIONS) {
      unregister();
      return refuse('registration', `more than ${MAX_REGISTRATIONS} registrations`);
    }
    const registration = ++next;
    registrations.set(registration, unregister);
    return { registration };
  };
  const refuse = (method: string, problem: string): never => {
    deps.audit({ plugin: deps.plugin, permission: 'rpc', target: method, allowed: false, source: 'sandbox', detail: problem });
    throw toResponseError(new RpcRefusedError(deps.plugin, method, problem));
  };
  const parse = <S extends z.ZodType>(method: string, s: S, params: unknown): z.infer<S> => {
    const result = s.safeParse(params);
    return result.success ? result.data : refuse(method, `invalid params: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  };
  const handle = <S extends z.ZodType>(method: string, s: S, work: (params: z.infer<S>) => unknown): void => {
    connection.onRequest(method, async (params: unknown) => {
      const valid = parse(method, s, params);
      try {
        return (await work(valid)) ?? null;
      } catch (error) {
        throw error instanceof ResponseError ? error : toResponseError(error);
      }
    });
  };
  const notice = <S extends z.ZodType>(method: string, s: S, work: (params: z.infer<S>) => void): void => {
    connection.onNotification(method, (params: unknown) => {
      const result = s.safeParse(params);
      if (result.success) work(result.data);
      else deps.audit({ plugin: deps.plugin, permission: 'rpc', target: method, allowed: false, source: 'sandbox', detail: 'invalid params' });
    });
  };
  const { context, calls, plugin } = deps;

  handle(ChildToHost.toolsRegister, schema.toolRegisterParams, ({ handler, ...definition }) =>
    keep(context.tools.register({ ...(definition as typeof definition & { inputSchema: JsonObject }), handler: remoteToolHandler(calls, handler, definition.name) as never })),
  );
  handle(ChildToHost.toolsList, schema.unknownParams(), () => context.tools.list());
  handle(ChildToHost.toolsCall, schema.toolCallParams, ({ id, args, token, timeoutMs }) =>
    context.tools.call(id, args, {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      onProgress: (update: ToolProgress) => connection.sendNotification('tools/callProgress', { token, update }),
    }),
  );
  handle(ChildToHost.hooksOn, schema.hookOnParams, ({ name, handler, options }) =>
    keep(context.hooks.on(name as never, remoteFunction(calls, handler, `hook '${name}'`) as never, options)),
  );
  handle(ChildToHost.eventsOn, schema.eventOnParams, ({ event, handler }) =>
    keep(context.events.on(event as `${string}:${string}`, remoteFunction(calls, handler, `listener of '${event}'`) as never)),
  );
  // One handle per service (the container hands out a new revocable handle per get); dropped when it fails as
  // unavailable, so a provider that comes back is found again. The permission is checked at each (re)get.
  const services = new Map<string, Record<string, unknown>>();
  const callService = async (service: string, method: string, args: unknown[], retry: boolean): Promise<unknown> => {
    const cached = services.get(service);
    const implementation = cached ?? context.services.get<Record<string, unknown>>({ id: service });
    services.set(service, implementation);
    const fn = Object.hasOwn(Object.prototype, method) ? undefined : implementation[method];
    if (typeof fn !== 'function') return refuse(ChildToHost.servicesCall, `service '${service}' has no method '${method}'`);
    try {
      return await (fn as (...a: unknown[]) => unknown).apply(implementation, args);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'BERTH_SERVICE_UNAVAILABLE') throw error;
      services.delete(service);
      // A cached handle of a provider that was reloaded (or restarted): get the service again, once.
      if (retry && cached !== undefined) return callService(service, method, args, false);
      throw error;
    }
  };
  handle(ChildToHost.servicesCall, schema.serviceCallParams, ({ service, method, args }) => callService(service, method, args, true));
  handle(ChildToHost.servicesProvide, schema.serviceProvideParams, ({ service, permission, object }) =>
    keep(context.services.provide({ id: service, ...(permission !== undefined ? { permission } : {}) }, remoteObject(calls, object, `service '${service}'`))),
  );
  handle(ChildToHost.providersRegister, schema.providerRegisterParams, ({ object }) =>
    keep(context.providers.register(remoteObject(calls, object, `provider of '${plugin}'`) as unknown as Provider)),
  );
  handle(ChildToHost.mcpList, schema.unknownParams(), () => context.mcp.list());
  handle(ChildToHost.unregister, schema.unregisterParams, ({ registration }) => {
    registrations.get(registration)?.();
    registrations.delete(registration);
  });

  notice(ChildToHostNotice.heartbeat, schema.unknownParams(), () => deps.onHeartbeat());
  notice(ChildToHostNotice.log, schema.logParams, ({ level, message, fields }) => {
    if (!logLimit.take()) return;
    // Nested, so a plugin cannot pass itself off as another one (pino would print its `plugin` key last).
    context.logger[level](fields !== undefined ? { fields } : {}, message);
    deps.onLog?.(level, message);
  });
  notice(ChildToHostNotice.eventsEmit, schema.eventEmitParams, ({ event, payload }) => context.events.emit(event, payload));
  notice(ChildToHostNotice.progress, schema.progressParams, ({ token, update }) => calls.progress(token, update as ToolProgress));
  notice(ChildToHostNotice.item, schema.itemParams, ({ token, item }) => calls.item(token, item));
  notice(ChildToHostNotice.denied, schema.deniedParams, ({ permission, target }) =>
    deps.audit({ plugin, permission, target, allowed: false, source: 'child' }),
  );
  connection.onRequest((method: string) => refuse(method, 'unknown method'));
  connection.onNotification((method: string) => {
    deps.audit({ plugin, permission: 'rpc', target: method, allowed: false, source: 'sandbox', detail: 'unknown notification' });
  });

  return {
    disposeAll(): void {
      services.clear();
      for (const unregister of registrations.values()) {
        try {
          unregister();
        } catch {
          // the context may already be disposed
        }
      }
      registrations.clear();
    },
  };
}
