import { LoggerRef, ProviderRegistryRef, ToolRegistryRef } from '@berth/sdk';
import type { Logger as PinoLogger } from 'pino';
import type { PermissionGate } from '../permissions/gate.js';
import { ProviderRegistry } from '../registry/provider-registry.js';
import { ToolRegistry } from '../registry/tool-registry.js';
import { EventBus } from './events/event-bus.js';
import { HookEngine } from './hooks/hook-engine.js';
import { ALWAYS_ALIVE } from './scoped/liveness.js';
import { providersApiFor } from './scoped/providers-api.js';
import { toolsApiFor } from './scoped/tools-api.js';
import { ServiceContainer } from './services/service-container.js';

/** Options of {@link createPluginApi}. */
export interface PluginApiOptions {
  /** The permission gate (hook and service permissions). */
  readonly gate: PermissionGate;
  /** The host's pino logger; plugins get children of it carrying `{ plugin }`. */
  readonly logger: PinoLogger;
  /** The user's aliases (`HostConfig.aliases`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** A hook handler's default time limit (ms). */
  readonly hookTimeoutMs?: number;
  /** A tool call's default time limit (ms). */
  readonly toolTimeoutMs?: number;
}

/** The host-wide parts of the plugin API, one of each per host. */
export interface PluginApi {
  /** Hook points. */
  readonly hooks: HookEngine;
  /** Events. */
  readonly events: EventBus;
  /** Service injection (the host services below are already in it). */
  readonly services: ServiceContainer;
  /** Every tool. */
  readonly tools: ToolRegistry;
  /** Every provider. */
  readonly providers: ProviderRegistry;
  /** The host's logger. */
  readonly logger: PinoLogger;
  /** The permission gate. */
  readonly gate: PermissionGate;
}

/**
 * Builds the host-wide plugin API: the hook engine, the event bus, the service container with the host services
 * (`ProviderRegistryRef`, `ToolRegistryRef`, `LoggerRef`, each scoped to the consuming plugin), and the tool and
 * provider registries wired to them. Give each plugin its view with `createPluginContext`.
 */
export function createPluginApi(options: PluginApiOptions): PluginApi {
  const { gate, logger, aliases } = options;
  const hooks = new HookEngine({ gate, logger, ...(options.hookTimeoutMs !== undefined ? { defaultTimeoutMs: options.hookTimeoutMs } : {}) });
  const events = new EventBus({ logger });
  const services = new ServiceContainer({ gate, events });
  const tools = new ToolRegistry({ hooks, events, ...(aliases !== undefined ? { aliases } : {}), ...(options.toolTimeoutMs !== undefined ? { defaultTimeoutMs: options.toolTimeoutMs } : {}) });
  const providers = new ProviderRegistry({ hooks, events, logger, ...(aliases !== undefined ? { aliases } : {}) });
  services.provideHost(ToolRegistryRef, (consumer) => toolsApiFor(tools, consumer.plugin, ALWAYS_ALIVE));
  services.provideHost(ProviderRegistryRef, (consumer) => providersApiFor(providers, consumer.plugin, ALWAYS_ALIVE));
  services.provideHost(LoggerRef, (consumer) => logger.child({ plugin: consumer.plugin }));
  return { hooks, events, services, tools, providers, logger, gate };
}
