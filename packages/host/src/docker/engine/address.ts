/** How the host reaches an engine. */
export type EngineTransport = 'unix' | 'tcp' | 'ssh';

/** Where a TLS engine's files are (Docker's conventions: `ca.pem`, `cert.pem`, `key.pem` in one folder). */
export interface EngineTlsFiles {
  /** The CA that signed the engine's certificate. */
  readonly ca: string;
  /** This client's certificate (absent: none is presented). */
  readonly cert?: string;
  /** This client's key. */
  readonly key?: string;
  /** The folder they were looked for in (for messages). */
  readonly folder: string;
}

/** A Docker engine, as settings, the environment or a Docker context name it. */
export interface EngineAddress {
  /** A `DOCKER_HOST`-style address: `unix:///path`, `tcp://host:port`, `ssh://[user@]host[:port]`. */
  readonly host: string;
  /** Where the address came from, for messages (e.g. `setting docker_host`, `DOCKER_HOST`, `Docker context 'farm'`). */
  readonly source: string;
  /** TLS for `tcp://` (mutual when a client certificate is given); absent: plain TCP. */
  readonly tls?: EngineTlsFiles;
  /**
   * Host folders a remote engine's machine sees too, and where: `{ "/home/me/src": "/mnt/src" }`. Bind mounts from
   * a remote engine are refused unless their source lies in one of these (they are rewritten to the remote path).
   */
  readonly pathMap?: Readonly<Record<string, string>>;
}

/** An address taken apart. */
export interface ParsedEngineHost {
  readonly transport: EngineTransport;
  /** The socket path (`unix`). */
  readonly socketPath?: string;
  /** Host name or IP (`tcp`, `ssh`). */
  readonly hostname?: string;
  /** Port (`tcp`: default 2376 with TLS, 2375 without; `ssh`: absent means ssh's own default). */
  readonly port?: number;
  /** The ssh user, when given. */
  readonly user?: string;
}

/** The engine Docker itself uses when nothing else is set. */
export const DEFAULT_ENGINE_HOST = 'unix:///var/run/docker.sock';

/**
 * Parses a `DOCKER_HOST`-style address. A bare absolute path is a socket. Throws an `Error` saying what is
 * accepted when the address is not one of them.
 */
export function parseEngineHost(host: string, tls = false): ParsedEngineHost {
  if (host.startsWith('/')) return { transport: 'unix', socketPath: host };
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new Error(`'${host}' does not name an absolute socket path (unix:///path/to/docker.sock)`);
    return { transport: 'unix', socketPath };
  }
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`'${host}' is not an engine address (unix:///path, tcp://host:port or ssh://user@host)`);
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') throw new Error(`'${host}' names no host`);
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.pathname !== '' && url.pathname !== '/') throw new Error(`'${host}' has a path; engine addresses have none`);
    return { transport: 'tcp', hostname, port: url.port !== '' ? Number(url.port) : tls ? 2376 : 2375 };
  }
  if (url.protocol === 'ssh:') {
    return {
      transport: 'ssh',
      hostname,
      ...(url.port !== '' ? { port: Number(url.port) } : {}),
      ...(url.username !== '' ? { user: decodeURIComponent(url.username) } : {}),
    };
  }
  throw new Error(`'${host}' uses the scheme '${url.protocol}'; use unix://, tcp:// or ssh://`);
}
