import { posix } from 'node:path';
import { DockerPolicyRefusal } from './decision.js';
import { isWithin, realPathOf, WELL_KNOWN_DOCKER_SOCKETS } from './host-paths.js';

/** What the create checks know of a remote engine: its name, and the host folders its machine sees (and where). */
export interface RemoteEngineView {
  /** The engine as messages name it. */
  readonly engine: string;
  /** Host folder (absolute) → the same folder's path on the engine's machine. */
  readonly pathMap: Readonly<Record<string, string>>;
}

/**
 * The path on a remote engine's machine of a bind source this host checked (absolute, resolved, inside the
 * allowed roots): the source must lie in a folder of `docker_path_map`, and its mapped path must be neither `/` nor
 * hold the engine machine's Docker socket. A remote engine does not see this host's folders: without a mapping the
 * bind is refused, naming the setting that allows it.
 */
export function remoteBindSource(source: string, field: string, remote: RemoteEngineView): string {
  const real = realPathOf(source);
  const entry = Object.entries(remote.pathMap)
    .map(([local, far]) => ({ local: realPathOf(local), far }))
    .filter(({ local }) => isWithin(real, local))
    .sort((a, b) => b.local.length - a.local.length)[0];
  if (entry === undefined) {
    throw new DockerPolicyRefusal(
      `the bind mount of '${source}' (${field})`,
      `the engine ${remote.engine} is remote and does not see this host's folders; map the folder to its path on the engine's machine in the plugin's docker_path_map setting ({"<host folder>": "<remote path>"}), or use a volume`,
    );
  }
  const rest = real.slice(entry.local.length).replace(/^\/+/, '');
  const mapped = posix.normalize(posix.join(entry.far, rest));
  if (mapped === '/' || WELL_KNOWN_DOCKER_SOCKETS.some((socket) => socket === mapped || socket.startsWith(`${mapped.replace(/\/$/, '')}/`))) {
    throw new DockerPolicyRefusal(`the bind mount of '${source}' (${field})`, `it maps to '${mapped}' on the engine's machine, which is its root or holds its Docker socket`);
  }
  return mapped;
}
