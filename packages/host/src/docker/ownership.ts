import { DockerPolicyRefusal } from './decision.js';
import { ownedBy, PLUGIN_LABEL } from './labels.js';
import type { DockerEngine } from './engine/engine.js';
import { upstreamGet } from './upstream.js';

/** The kinds of engine objects ownership is checked for, with where their labels are. */
const KINDS = {
  container: { path: (id: string) => `/containers/${id}/json`, labels: (b: Record<string, unknown>) => (b['Config'] as Record<string, unknown> | undefined)?.['Labels'] },
  image: { path: (id: string) => `/images/${id}/json`, labels: (b: Record<string, unknown>) => (b['Config'] as Record<string, unknown> | undefined)?.['Labels'] },
  network: { path: (id: string) => `/networks/${id}`, labels: (b: Record<string, unknown>) => b['Labels'] },
  volume: { path: (id: string) => `/volumes/${id}`, labels: (b: Record<string, unknown>) => b['Labels'] },
} as const;

/** A kind of engine object. */
export type ObjectKind = keyof typeof KINDS;

/** Looks up objects on the real engine to check who created them. */
export class OwnershipChecker {
  /**
   * @param engine - the real engine
   * @param plugin - the plugin whose objects may be touched
   */
  constructor(
    readonly engine: DockerEngine,
    readonly plugin: string,
  ) {}

  /**
   * Resolves when the object exists and carries `berth.plugin=<plugin>`; a missing object resolves too (the engine
   * answers 404 itself). Otherwise throws a refusal that says whose label is missing.
   */
  async assertOwned(kind: ObjectKind, id: string): Promise<void> {
    if (id === '') throw new DockerPolicyRefusal(`access to a ${kind} without a name`, 'name the object', 400);
    const { status, body } = await upstreamGet(this.engine, KINDS[kind].path(id));
    if (status === 404) return;
    if (status !== 200 || typeof body !== 'object' || body === null) {
      throw new DockerPolicyRefusal(`access to ${kind} '${decodeURIComponent(id)}'`, `its owner could not be checked (engine answered ${status})`);
    }
    if (!ownedBy(KINDS[kind].labels(body as Record<string, unknown>), this.plugin)) {
      throw new DockerPolicyRefusal(
        `access to ${kind} '${decodeURIComponent(id)}'`,
        `it was not created by plugin '${this.plugin}' (it lacks the label ${PLUGIN_LABEL}=${this.plugin}); a plugin may only touch what it created`,
      );
    }
  }

  /** Checks the container behind exec `id`. */
  async assertExecOwned(id: string): Promise<void> {
    const { status, body } = await upstreamGet(this.engine, `/exec/${id}/json`);
    if (status === 404) return;
    const container = (body as { ContainerID?: unknown } | undefined)?.ContainerID;
    if (typeof container !== 'string') throw new DockerPolicyRefusal(`exec '${id}'`, 'its container could not be found');
    await this.assertOwned('container', container);
  }

  /** True when the object exists (any owner). */
  async exists(kind: ObjectKind, id: string): Promise<boolean> {
    return (await upstreamGet(this.engine, KINDS[kind].path(encodeURIComponent(id)))).status === 200;
  }
}
