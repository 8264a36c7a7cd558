import Docker from 'dockerode';
import type { DockerEndpoint } from './endpoint.js';
import { toBerthError } from './errors.js';

/** The newest Engine API version this plugin speaks; older engines are spoken to in their own version. */
export const MAX_API_VERSION = '1.45';

/** The health the `system_health` tool reports. */
export interface DockerHealth {
  /** True when the engine answered. */
  readonly reachable: boolean;
  /** Where the engine was looked for. */
  readonly endpoint: string;
  /** The negotiated API version, when reachable. */
  readonly apiVersion?: string;
  /** The engine's version, when reachable. */
  readonly engineVersion?: string;
  /** Why it is not reachable, when it is not. */
  readonly error?: string;
}

/** Compares two `major.minor` API versions. */
function compareApi(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/**
 * A negotiated connection to the engine. The first use asks the engine its API version (unversioned `/version`)
 * and speaks the lower of that and {@link MAX_API_VERSION}; when the engine stops answering, the next use
 * negotiates again, so the plugin recovers by itself once Docker is back.
 */
export class DockerConnection {
  #client: Docker | undefined;
  #health: DockerHealth;

  /** @param endpoint - where the engine is */
  constructor(readonly endpoint: DockerEndpoint) {
    this.#health = { reachable: false, endpoint: endpoint.display };
  }

  /** A client speaking the negotiated version; throws `DockerUnreachableError` when the engine does not answer. */
  async client(): Promise<Docker> {
    if (this.#client !== undefined) return this.#client;
    const probe = new Docker({ ...this.endpoint.options, timeout: 10_000 });
    try {
      const version = await probe.version();
      const api = compareApi(version.ApiVersion, MAX_API_VERSION) < 0 ? version.ApiVersion : MAX_API_VERSION;
      this.#client = new Docker({ ...this.endpoint.options, version: `v${api}` });
      this.#health = { reachable: true, endpoint: this.endpoint.display, apiVersion: api, engineVersion: version.Version };
      return this.#client;
    } catch (error) {
      const failure = toBerthError(error, 'connect to Docker', this.endpoint.display);
      this.#health = { reachable: false, endpoint: this.endpoint.display, error: failure.message };
      throw failure;
    }
  }

  /** Forgets the negotiated client (after an unreachable error) so the next use negotiates again. */
  reset(reason: string): void {
    this.#client = undefined;
    this.#health = { reachable: false, endpoint: this.endpoint.display, error: reason };
  }

  /** Pings the engine and reports its health; never throws. */
  async health(): Promise<DockerHealth> {
    try {
      const client = await this.client();
      await client.ping();
      return this.#health;
    } catch (error) {
      this.reset((error as Error).message);
      return this.#health;
    }
  }
}
