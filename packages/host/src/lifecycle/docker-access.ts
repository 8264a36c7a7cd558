import path from 'node:path';
import type { JsonValue } from '@berth/sdk';
import { startDockerPolicyProxy } from '../docker/proxy.js';
import type { AuditLog } from '../permissions/audit-log.js';

/** What a plugin granted `docker.access` gets instead of the host's Docker socket. */
export interface DockerAccess {
  /** The plugin's own policy socket (in its data folder). */
  readonly socketPath: string;
  /** Variables for the plugin's process: the socket allowed through the network guard, and `DOCKER_HOST`. */
  readonly env: Readonly<Record<string, string>>;
  /** Settings the host overrides: `docker_socket` points at the policy socket; `docker_host` is dropped. */
  override(settings: Readonly<Record<string, JsonValue>>): Record<string, JsonValue>;
  /** Stops the policy socket. */
  close(): Promise<void>;
}

/** The host's own Docker socket: `DOCKER_HOST` when it is `unix://…`, else `/var/run/docker.sock`. */
export function hostDockerSocket(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env['DOCKER_HOST'];
  return fromEnv?.startsWith('unix://') === true ? fromEnv.slice('unix://'.length) : '/var/run/docker.sock';
}

/**
 * Starts the Docker policy socket of a plugin granted `docker.access` (see `docs/security.md`): the plugin never
 * receives the host's socket; its `docker_socket` setting points at a socket of its own that forwards an
 * allow-listed part of the Engine API under the policy (labels forced, no privileged or host-namespace containers,
 * no devices, capabilities or socket mounts, binds only under the plugin's `allowed_roots` setting). Every decision
 * goes to the audit log.
 */
export async function startDockerAccess(
  plugin: string,
  dataDir: string,
  settings: Readonly<Record<string, JsonValue>>,
  audit: AuditLog,
): Promise<DockerAccess> {
  const socketPath = path.join(dataDir, 'docker.sock');
  const roots = settings['allowed_roots'];
  const allowedRoots = Array.isArray(roots) ? roots.filter((r): r is string => typeof r === 'string').map((r) => path.resolve(r)) : [];
  const proxy = await startDockerPolicyProxy({
    plugin,
    upstreamSocket: hostDockerSocket(),
    socketPath,
    allowedRoots,
    onDecision: ({ reason, time: _time, ...decision }) =>
      audit.record({ ...decision, source: 'docker-policy', ...(reason !== undefined ? { detail: reason } : {}) }),
  });
  return {
    socketPath,
    env: { BERTH_ALLOWED_SOCKETS: JSON.stringify([socketPath]), DOCKER_HOST: `unix://${socketPath}` },
    override: (values) => {
      const { docker_host: _dropped, ...rest } = values;
      return { ...rest, docker_socket: socketPath };
    },
    close: () => proxy.close(),
  };
}
