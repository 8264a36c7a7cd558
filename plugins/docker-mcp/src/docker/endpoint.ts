import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import type { DockerMcpSettings } from '../settings.js';

/** Where the engine is, as dockerode options plus a human-readable description for messages. */
export interface DockerEndpoint {
  /** The dockerode connection options (without the API version). */
  readonly options: DockerOptions;
  /** The socket path or address, as messages show it. */
  readonly display: string;
  /** The local socket path, when the engine is reached over a UNIX socket. */
  readonly socketPath?: string;
}

/**
 * Standalone over TLS: the CA, certificate and key from `DOCKER_CERT_PATH` (else `~/.docker`), those that exist, as
 * the Docker CLI reads them. Under Berth the plugin only ever gets its policy socket, and the host holds these.
 */
function tlsFiles(): Pick<DockerOptions, 'ca' | 'cert' | 'key'> {
  const folder = process.env['DOCKER_CERT_PATH'] ?? join(homedir(), '.docker');
  const read = (name: string): Buffer | undefined => (existsSync(join(folder, name)) ? readFileSync(join(folder, name)) : undefined);
  const [ca, cert, key] = [read('ca.pem'), read('cert.pem'), read('key.pem')];
  return { ...(ca !== undefined ? { ca } : {}), ...(cert !== undefined && key !== undefined ? { cert, key } : {}) };
}

/** Parses a `DOCKER_HOST`-style address: `unix:///path`, `tcp://host:port`, `http(s)://host:port`, `ssh://user@host`. */
export function endpointFromHost(dockerHost: string): DockerEndpoint {
  if (dockerHost.startsWith('unix://')) {
    const socketPath = dockerHost.slice('unix://'.length);
    return { options: { socketPath }, display: socketPath, socketPath };
  }
  if (dockerHost.startsWith('/')) return { options: { socketPath: dockerHost }, display: dockerHost, socketPath: dockerHost };
  const url = new URL(dockerHost);
  if (url.protocol === 'ssh:') {
    return {
      options: { protocol: 'ssh', host: url.hostname, port: url.port !== '' ? Number(url.port) : 22, ...(url.username !== '' ? { username: url.username } : {}) },
      display: dockerHost,
    };
  }
  const tls = url.protocol === 'https:' || process.env['DOCKER_TLS_VERIFY'] === '1';
  const port = url.port !== '' ? Number(url.port) : tls ? 2376 : 2375;
  return { options: { protocol: tls ? 'https' : 'http', host: url.hostname, port, ...(tls ? tlsFiles() : {}) }, display: dockerHost };
}

/** The engine the settings point at: `docker_host` (or `DOCKER_HOST`) wins, else `docker_socket`. */
export function endpointFor(settings: DockerMcpSettings): DockerEndpoint {
  if (settings.dockerHost !== undefined) return endpointFromHost(settings.dockerHost);
  return { options: { socketPath: settings.dockerSocket }, display: settings.dockerSocket, socketPath: settings.dockerSocket };
}
