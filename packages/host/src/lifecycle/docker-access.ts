import path from 'node:path';
import { DockerEngineError } from '@berth/sdk';
import type { JsonValue } from '@berth/sdk';
import { openEngine } from '../docker/engine/engine.js';
import type { DockerEngine } from '../docker/engine/engine.js';
import { probeEngine } from '../docker/engine/probe.js';
import { ENGINE_SETTING_KEYS, resolveEngineAddress } from '../docker/engine/resolve.js';
import type { EngineSettings } from '../docker/engine/resolve.js';
import { startDockerPolicyProxy } from '../docker/proxy.js';
import type { DockerPolicyProxy } from '../docker/proxy.js';
import type { AuditLog } from '../permissions/audit-log.js';

/** One engine a plugin reaches through a policy socket of its own. */
export interface PluginEngine {
  /** `default` (the plugin's `docker_socket`), or the name of a `docker_engines` entry. */
  readonly name: string;
  /** The engine as messages name it (`unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376 (TLS)`, `ssh://ci@farm`). */
  readonly engine: string;
  /** Where its address came from (`setting docker_host`, `DOCKER_HOST`, `the default`…). */
  readonly source: string;
  /** True for a local socket. */
  readonly local: boolean;
  /** The policy socket the plugin is given for it. */
  readonly socketPath: string;
  /** Why it did not answer when the plugin started, if it did not (the plugin starts anyway). */
  readonly problem?: string;
  /** What is unsafe in how it is reached, with the fix (plain TCP off this machine); the plugin starts anyway. */
  readonly warning?: string;
}

/** What a plugin granted `docker.access` gets instead of the host's Docker socket. */
export interface DockerAccess {
  /** The plugin's own policy socket (in its data folder) for its default engine. */
  readonly socketPath: string;
  /** Every engine the plugin reaches, the default first. */
  readonly engines: readonly PluginEngine[];
  /** Variables for the plugin's process: the sockets allowed through the network guard, and `DOCKER_HOST`. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Settings the host overrides: `docker_socket` points at the policy socket; the engine settings (`docker_host`,
   * `docker_context`, TLS, path map) are the host's and are dropped; each `docker_engines` entry gets its own policy
   * socket as `docker_socket`.
   */
  override(settings: Readonly<Record<string, JsonValue>>): Record<string, JsonValue>;
  /** Stops the policy sockets. */
  close(): Promise<void>;
}

type Settings = Readonly<Record<string, JsonValue>>;

/** The `docker_engines` entries of a plugin's settings (objects only). */
function engineEntries(settings: Settings): Readonly<Record<string, JsonValue>>[] {
  const list = settings['docker_engines'];
  return Array.isArray(list) ? list.filter((e): e is Record<string, JsonValue> => typeof e === 'object' && e !== null && !Array.isArray(e)) : [];
}

/** Settings without the engine keys (the plugin never needs them). */
function withoutEngineKeys(values: Settings): Record<string, JsonValue> {
  const rest: Record<string, JsonValue> = { ...values };
  for (const key of ENGINE_SETTING_KEYS) delete rest[key];
  return rest;
}

/** How the user wrote an engine, for messages. */
function shownAddress(settings: EngineSettings): string {
  const written = settings.docker_context ?? settings.docker_host;
  return typeof settings.docker_context === 'string' ? `context '${settings.docker_context}'` : typeof written === 'string' ? written : process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
}

/**
 * Opens the engine `settings` choose (see `resolveEngineAddress`). A remote engine is asked its version first: a TLS
 * handshake refused either way (wrong CA, no or another client certificate) is a setting to fix and fails the
 * plugin's start with a `DockerEngineError` naming the engine and the fix; an engine that merely does not answer
 * yet is not (the plugin starts; its calls say why they fail).
 */
async function openPluginEngine(plugin: string, settings: EngineSettings, label: string): Promise<{ engine: DockerEngine; problem?: string }> {
  let engine: DockerEngine;
  const where = label === 'default' ? 'its settings' : `docker_engines entry '${label}'`;
  try {
    engine = openEngine(resolveEngineAddress(settings));
  } catch (error) {
    throw new DockerEngineError(plugin, shownAddress(settings), where, (error as Error).message, 'correct the engine settings (docker_host, docker_context, docker_cert_path, docker_tls_verify, docker_path_map)', { cause: error });
  }
  if (engine.local) return { engine };
  const probe = await probeEngine(engine, 5_000);
  if (probe.failure?.kind === 'tls') engine.close();
  if (probe.failure?.kind === 'tls') throw new DockerEngineError(plugin, engine.name, engine.address.source, probe.failure.reason, probe.failure.fix);
  return { engine, ...(probe.failure !== undefined ? { problem: `${probe.failure.reason}. Fix: ${probe.failure.fix}` } : {}) };
}

/** The socket of the n-th `docker_engines` entry (the default engine's is `docker.sock`). */
const entrySocket = (dataDir: string, index: number): string => path.join(dataDir, `docker-${index + 1}.sock`);

/**
 * Starts the Docker policy sockets of a plugin granted `docker.access` (see `docs/docker-policy.md`): the plugin
 * never receives the engine's socket or address; its `docker_socket` setting points at a socket of its own that
 * forwards an allow-listed part of the Engine API under the policy (labels forced, no privileged or host-namespace
 * containers, no devices, capabilities or socket mounts, binds only under the plugin's `allowed_roots` setting —
 * and, on a remote engine, only from folders of its `docker_path_map`). The engine may be local or remote, chosen
 * by the plugin's settings; each `docker_engines` entry gets a socket of its own too. Every decision goes to the
 * audit log.
 */
export async function startDockerAccess(plugin: string, dataDir: string, settings: Settings, audit: AuditLog): Promise<DockerAccess> {
  const roots = settings['allowed_roots'];
  const allowedRoots = Array.isArray(roots) ? roots.filter((r): r is string => typeof r === 'string').map((r) => path.resolve(r)) : [];
  const wanted = [
    { name: 'default', settings: settings as EngineSettings, socketPath: path.join(dataDir, 'docker.sock') },
    ...engineEntries(settings).map((entry, i) => ({ name: typeof entry['name'] === 'string' ? entry['name'] : `engine-${i + 1}`, settings: entry as EngineSettings, socketPath: entrySocket(dataDir, i) })),
  ];
  const opened = await Promise.all(wanted.map(async (w) => ({ ...w, ...(await openPluginEngine(plugin, w.settings, w.name)) })));
  const proxies: DockerPolicyProxy[] = [];
  try {
    for (const one of opened) {
      proxies.push(
        await startDockerPolicyProxy({
          plugin,
          engine: one.engine,
          socketPath: one.socketPath,
          allowedRoots,
          onDecision: ({ reason, time: _time, ...decision }) =>
            audit.record({ ...decision, source: 'docker-policy', ...(reason !== undefined ? { detail: reason } : {}) }),
        }),
      );
    }
  } catch (error) {
    await Promise.all(proxies.map((p) => p.close().catch(() => undefined)));
    for (const one of opened.slice(proxies.length)) one.engine.close();
    throw error;
  }
  const engines: PluginEngine[] = opened.map((o) => ({
    name: o.name,
    engine: o.engine.name,
    source: o.engine.address.source,
    local: o.engine.local,
    socketPath: o.socketPath,
    ...(o.problem !== undefined ? { problem: o.problem } : {}),
    ...(o.engine.warning !== undefined ? { warning: o.engine.warning } : {}),
  }));
  const socketPath = engines[0]?.socketPath ?? path.join(dataDir, 'docker.sock');
  return {
    socketPath,
    engines,
    env: { BERTH_ALLOWED_SOCKETS: JSON.stringify(engines.map((e) => e.socketPath)), DOCKER_HOST: `unix://${socketPath}` },
    override: (values) => {
      const rest = withoutEngineKeys(values);
      const entries = engineEntries(values);
      if (entries.length > 0) rest['docker_engines'] = entries.map((entry, i) => ({ ...withoutEngineKeys(entry), name: engines[i + 1]?.name ?? `engine-${i + 1}`, docker_socket: entrySocket(path.dirname(socketPath), i) }));
      return { ...rest, docker_socket: socketPath };
    },
    close: async () => {
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}
