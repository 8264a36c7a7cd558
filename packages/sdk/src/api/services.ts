/**
 * A typed reference to a service, in the spirit of Backstage's `createServiceRef`. Services are interfaces of
 * async methods taking and returning data, so they work the same across a sandbox boundary.
 */
export interface ServiceRef<T, P extends string | undefined = string | undefined> {
  /** The service's id, e.g. `berth.providers`. */
  readonly id: string;
  /**
   * The permission a consumer needs, if any. Its type says it too when the ref is created with it
   * (`createServiceRef<DockerApi, 'docker.access'>`), so a manifest-typed context (`definePlugin<Manifest>`) only
   * accepts refs whose permission the manifest declares.
   */
  readonly permission?: P;
  /** Phantom field carrying the service type; never set at run time. */
  readonly $type?: T;
}

/** Options of {@link createServiceRef}. */
export interface ServiceRefOptions {
  /** The service's id (`[a-z0-9.-]`, by convention `<plugin>.<service>`, `berth.*` for the host's). */
  readonly id: string;
  /** The permission a consumer needs, if any (e.g. `docker.access`). */
  readonly permission?: string;
}

/**
 * Creates a typed service reference. Both the providing and the consuming plugin import the same ref (usually
 * from the provider's package), so `services.get(ref)` is typed.
 *
 * @example
 * ```ts
 * export const DockerRef = createServiceRef<DockerApi, 'docker.access'>({ id: 'docker.api', permission: 'docker.access' });
 * ```
 * Give the permission as the second type argument too: a manifest-typed context then refuses the ref at compile
 * time unless the manifest declares it.
 */
export function createServiceRef<T, P extends string | undefined = string | undefined>(
  options: ServiceRefOptions & { readonly permission?: P },
): ServiceRef<T, P> {
  return Object.freeze({ id: options.id, ...(options.permission !== undefined ? { permission: options.permission } : {}) });
}

/** `context.services`: get host or plugin services, provide one. */
export interface ServicesApi {
  /**
   * Returns the service. Throws `PermissionDeniedError` when the ref's permission is not granted to this plugin,
   * `ServiceNotDeclaredError` when it is provided by a plugin this one does not list in `dependencies`, and
   * `ServiceUnavailableError` when nobody provides it. Once the provider stops, every method of the returned
   * object rejects at once with `ServiceUnavailableError` (calls in flight too).
   */
  get<T>(ref: ServiceRef<T>): T;
  /**
   * Provides a service to plugins that declare a dependency on this plugin. Returns its withdrawal; it is
   * withdrawn anyway when this plugin stops.
   */
  provide<T>(ref: ServiceRef<T>, implementation: T): () => void;
}
