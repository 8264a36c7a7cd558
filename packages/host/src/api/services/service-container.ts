import {
  ContributionConflictError,
  PermissionDeniedError,
  ServiceNotDeclaredError,
  ServiceUnavailableError,
  type ServiceRef,
  type ServicesApi,
} from '@berth/sdk';
import type { PermissionGate } from '../../permissions/gate.js';
import type { EventBus } from '../events/event-bus.js';
import { revocable, type RevocableService } from './revocable.js';

/** Who asks for a service: the consuming plugin and the plugins its manifest depends on. */
export interface ServiceConsumer {
  /** The consuming plugin's name. */
  readonly plugin: string;
  /** The names in its manifest's `dependencies`. */
  readonly dependencies: readonly string[];
}

/** A host service: built per consumer (so it can act in the consumer's name). */
interface HostService {
  readonly ref: ServiceRef<unknown>;
  readonly create: (consumer: ServiceConsumer) => unknown;
}

/** A plugin-provided service and the proxies handed out for it. */
interface PluginService {
  readonly ref: ServiceRef<unknown>;
  readonly provider: string;
  readonly implementation: unknown;
  /** One proxy per consumer (a consumer asking again gets the same one: nothing grows per call). */
  readonly handedOut: Map<string, RevocableService<unknown>>;
}

/** Options of {@link ServiceContainer}. */
export interface ServiceContainerOptions {
  /** Where service permissions are checked. */
  readonly gate: PermissionGate;
  /** Where `service:unavailable` is announced. */
  readonly events: EventBus;
}

/** Host service ids start with this; plugins cannot provide them. */
const HOST_PREFIX = 'berth.';

/**
 * Service injection. Holds the host's services and the plugins' ones. The permission checked is always the one
 * the *provider* registered with the ref, never the consumer's copy of it (a consumer can forge a ref without one).
 */
export class ServiceContainer {
  readonly #gate: PermissionGate;
  readonly #events: EventBus;
  readonly #host = new Map<string, HostService>();
  readonly #plugins = new Map<string, PluginService>();

  /** @param options - the gate and the event bus */
  constructor(options: ServiceContainerOptions) {
    this.#gate = options.gate;
    this.#events = options.events;
  }

  /** Adds a host service; `create` builds it for each consumer (e.g. scoped to the consumer's name). */
  provideHost<T>(ref: ServiceRef<T>, create: (consumer: ServiceConsumer) => T): void {
    this.#host.set(ref.id, { ref, create });
  }

  /**
   * `plugin` provides `ref`. Returns the withdrawal. Throws `ContributionConflictError` when another plugin provides
   * the id already, and `TypeError` for a host (`berth.*`) id.
   */
  provide<T>(plugin: string, ref: ServiceRef<T>, implementation: T): () => void {
    if (typeof ref?.id !== 'string' || ref.id.startsWith(HOST_PREFIX) || this.#host.has(ref.id)) {
      throw new TypeError(`plugin '${plugin}' cannot provide service '${String(ref?.id)}': ids starting with '${HOST_PREFIX}' belong to the host`);
    }
    if (typeof implementation !== 'object' || implementation === null) {
      throw new TypeError(`plugin '${plugin}': service '${ref.id}' must be an object of methods`);
    }
    const holder = this.#plugins.get(ref.id);
    if (holder !== undefined) throw new ContributionConflictError('service', ref.id, plugin, holder.provider, `${plugin}/${ref.id}`);
    const service: PluginService = { ref, provider: plugin, implementation, handedOut: new Map() };
    this.#plugins.set(ref.id, service);
    return () => this.#withdraw(service);
  }

  /** Returns `ref`'s service for `consumer`, or throws the error that says why not (see `ServicesApi.get`). */
  get<T>(consumer: ServiceConsumer, ref: ServiceRef<T>): T {
    const id = typeof ref?.id === 'string' ? ref.id : String(ref);
    const host = this.#host.get(id);
    if (host !== undefined) {
      this.#checkPermission(consumer, host.ref);
      return host.create(consumer) as T;
    }
    const service = this.#plugins.get(id);
    if (service === undefined) {
      throw new ServiceUnavailableError(consumer.plugin, id, 'no running plugin provides it (is the providing plugin started?)');
    }
    if (service.provider !== consumer.plugin && !consumer.dependencies.includes(service.provider)) {
      throw new ServiceNotDeclaredError(consumer.plugin, id, service.provider);
    }
    this.#checkPermission(consumer, service.ref);
    return this.#handOut(consumer, service) as T;
  }

  /** Withdraws every service `plugin` provides (when it stops): consumers' calls now fail at once. */
  withdrawAll(plugin: string): void {
    for (const service of [...this.#plugins.values()]) if (service.provider === plugin) this.#withdraw(service);
  }

  /** The `context.services` of one plugin. */
  forPlugin(consumer: ServiceConsumer): ServicesApi {
    return {
      get: <T>(ref: ServiceRef<T>): T => this.get(consumer, ref),
      provide: <T>(ref: ServiceRef<T>, implementation: T): (() => void) => this.provide(consumer.plugin, ref, implementation),
    };
  }

  #checkPermission(consumer: ServiceConsumer, ref: ServiceRef<unknown>): void {
    const permission = ref.permission;
    if (permission !== undefined && !this.#gate.check(consumer.plugin, permission, `service '${ref.id}'`)) {
      throw new PermissionDeniedError(consumer.plugin, permission, `service '${ref.id}'`);
    }
  }

  #handOut(consumer: ServiceConsumer, service: PluginService): unknown {
    const known = service.handedOut.get(consumer.plugin);
    if (known !== undefined) return known.proxy;
    const handle = revocable(
      service.implementation,
      () => new ServiceUnavailableError(consumer.plugin, service.ref.id, `plugin '${service.provider}' that provides it stopped`),
    );
    service.handedOut.set(consumer.plugin, handle);
    return handle.proxy;
  }

  #withdraw(service: PluginService): void {
    if (this.#plugins.get(service.ref.id) !== service) return;
    this.#plugins.delete(service.ref.id);
    for (const handle of service.handedOut.values()) handle.revoke();
    service.handedOut.clear();
    this.#events.emitHost('service:unavailable', { service: service.ref.id, provider: service.provider });
  }
}
