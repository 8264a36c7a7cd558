import type Docker from 'dockerode';
import type { DockerConnection } from './docker/connection.js';
import { Labels, ownFilter, sessionFilter } from './policy/labels.js';
import { isSessionGone } from './policy/session-liveness.js';
import type { ReaperVantage } from './policy/session-liveness.js';

/** What one sweep removed. */
export interface ReapReport {
  /** Ids of the containers removed. */
  readonly containers: string[];
  /** Ids of the networks removed. */
  readonly networks: string[];
}

/** Removes containers (forced) then networks, ignoring ones already gone. */
async function removeAll(docker: Docker, containers: readonly string[], networks: readonly string[]): Promise<ReapReport> {
  const removed: ReapReport = { containers: [], networks: [] };
  for (const id of containers) {
    await docker.getContainer(id).remove({ force: true, v: true }).then(() => removed.containers.push(id), () => undefined);
  }
  for (const id of networks) {
    await docker.getNetwork(id).remove().then(() => removed.networks.push(id), () => undefined);
  }
  return removed;
}

/**
 * Removes what this plugin labelled and no live server run owns.
 *
 * The rule (see `isSessionGone`): every object carries its server run's session id, pid, process start time, boot
 * id and pid namespace. A sweep — at start, then every interval — removes the containers and networks of runs that
 * are provably gone (no process with that pid and start time in the same boot and namespace, or a previous boot of
 * a local engine). Runs it cannot see (another pid namespace or machine) are left alone. When the server stops, it
 * removes everything its own run created (`removeOwnSession`), as if all had been run with auto-remove.
 */
export class Reaper {
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param connection - the engine
   * @param vantage - who sweeps, and how to see processes
   */
  constructor(
    readonly connection: DockerConnection,
    readonly vantage: ReaperVantage,
  ) {}

  /** Removes containers and networks whose server run is gone. */
  async reapOrphans(): Promise<ReapReport> {
    const docker = await this.connection.client();
    const filters = { label: [ownFilter()] };
    const containers = await docker.listContainers({ all: true, filters });
    const networks = await docker.listNetworks({ filters });
    const gone = (labels: Record<string, string> | undefined): boolean => isSessionGone(labels ?? {}, this.vantage);
    return removeAll(
      docker,
      containers.filter((c) => gone(c.Labels)).map((c) => c.Id),
      networks.filter((n) => gone(n.Labels)).map((n) => n.Id),
    );
  }

  /** Removes every container and network this server run created (on stop). */
  async removeOwnSession(): Promise<ReapReport> {
    const docker = await this.connection.client();
    const filters = { label: [sessionFilter(this.vantage.session.id)] };
    const containers = await docker.listContainers({ all: true, filters });
    const networks = await docker.listNetworks({ filters });
    return removeAll(docker, containers.map((c) => c.Id), networks.map((n) => n.Id));
  }

  /** Sweeps now and then every `intervalMs`; failures (Docker down) are retried at the next sweep. */
  start(intervalMs: number, onError: (error: unknown) => void = () => undefined): void {
    const sweep = (): void => void this.reapOrphans().catch(onError);
    sweep();
    this.#timer = setInterval(sweep, intervalMs);
    this.#timer.unref();
  }

  /** Stops the schedule. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The label the reaper keys on, re-exported for tests and docs. */
export const REAPER_SESSION_LABEL = Labels.session;
