/**
 * A typed reference to a service, in the spirit of Backstage's `createServiceRef`. Services are interfaces of
 * async methods taking and returning data, so they work the same across a sandbox boundary.
 */
export interface ServiceRef<T> {
  /** The service's id, e.g. `berth.providers`. */
  readonly id: string;
  /** The permission a consumer needs, if any. */
  readonly permission?: string;
  /** Phantom field carrying the service type; never set at run time. */
  readonly $type?: T;
}

/** Options of {@link createServiceRef}. */
export interface ServiceRefOptions {
  /** The service's id. */
  readonly id: string;
  /** The permission a consumer needs, if any. */
  readonly permission?: string;
}

/** Creates a typed service reference. */
export function createServiceRef<T>(options: ServiceRefOptions): ServiceRef<T> {
  return Object.freeze({ id: options.id, ...(options.permission !== undefined ? { permission: options.permission } : {}) });
}

/** `context.services`: get host or plugin services, provide one. */
export interface ServicesApi {
  /** Returns the service, or throws `PermissionDeniedError` / `ServiceUnavailableError`. */
  get<T>(ref: ServiceRef<T>): T;
  /** Provides a service to plugins that declare a dependency on this plugin. Returns its withdrawal. */
  provide<T>(ref: ServiceRef<T>, implementation: T): () => void;
}
