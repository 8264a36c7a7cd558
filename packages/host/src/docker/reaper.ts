import { isRunGone, RunLabels } from './host-run.js';
import type { ProxyRun } from './host-run.js';
import { PLUGIN_LABEL } from './labels.js';
import type { DockerEngine } from './engine/engine.js';
import { upstreamRequest } from './upstream.js';

/** What a sweep removed. */
export interface ProxyReapReport {
  /** Ids of the containers removed. */
  readonly containers: string[];
  /** Ids of the networks removed. */
  readonly networks: string[];
}

/** Lists containers and networks matching a label filter. */
async function listLabelled(upstream: DockerEngine, label: string): Promise<{ containers: { Id: string; Labels?: Record<string, string> }[]; networks: { Id: string; Labels?: Record<string, string> }[] }> {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  const containers = await upstreamRequest(upstream, 'GET', `/containers/json?all=1&filters=${filters}`);
  const networks = await upstreamRequest(upstream, 'GET', `/networks?filters=${filters}`);
  return {
    containers: Array.isArray(containers.body) ? (containers.body as { Id: string; Labels?: Record<string, string> }[]) : [],
    networks: Array.isArray(networks.body) ? (networks.body as { Id: string; Labels?: Record<string, string> }[]) : [],
  };
}

/** Removes containers (forced, with their anonymous volumes), then networks. */
async function remove(upstream: DockerEngine, containers: readonly string[], networks: readonly string[]): Promise<ProxyReapReport> {
  const report: ProxyReapReport = { containers: [], networks: [] };
  for (const id of containers) {
    const { status } = await upstreamRequest(upstream, 'DELETE', `/containers/${id}?force=1&v=1`);
    if (status < 300) report.containers.push(id);
  }
  for (const id of networks) {
    const { status } = await upstreamRequest(upstream, 'DELETE', `/networks/${id}`);
    if (status < 300) report.networks.push(id);
  }
  return report;
}

/**
 * Removes the containers and networks `plugin` created through a policy socket whose host run is gone (a host
 * that was killed: no process with the recorded pid and start time, or a previous boot). Run at proxy start.
 */
export async function reapGoneRuns(upstream: DockerEngine, plugin: string, current: ProxyRun): Promise<ProxyReapReport> {
  const { containers, networks } = await listLabelled(upstream, `${PLUGIN_LABEL}=${plugin}`);
  const gone = (labels: Record<string, string> | undefined): boolean => isRunGone(labels ?? {}, current);
  return remove(upstream, containers.filter((c) => gone(c.Labels)).map((c) => c.Id), networks.filter((n) => gone(n.Labels)).map((n) => n.Id));
}

/** Removes every container and network created through the socket of `run` (when the plugin stops). */
export async function removeRun(upstream: DockerEngine, run: ProxyRun): Promise<ProxyReapReport> {
  const { containers, networks } = await listLabelled(upstream, `${RunLabels.run}=${run.id}`);
  return remove(upstream, containers.map((c) => c.Id), networks.map((n) => n.Id));
}
