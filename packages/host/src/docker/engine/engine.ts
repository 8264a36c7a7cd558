import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import type { RequestOptions } from 'node:http';
import { createConnection, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { parseEngineHost } from './address.js';
import type { EngineAddress, EngineTransport } from './address.js';
import { explainEngineFailure } from './explain.js';
import type { EngineFailure } from './explain.js';
import { isLoopbackHost } from '../../network/scope.js';
import { SshStream } from './ssh-stream.js';

/** An engine the policy proxy forwards to: how to open a connection, and how to talk about it. */
export interface DockerEngine {
  /** The address it was opened from. */
  readonly address: EngineAddress;
  /** How it is reached. */
  readonly transport: EngineTransport;
  /** True for a UNIX socket on this machine: it sees this host's folders and processes. */
  readonly local: boolean;
  /** The socket path, for a local engine. */
  readonly socketPath?: string;
  /** The engine as messages name it: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376 (TLS)`, `ssh://ci@farm`. */
  readonly name: string;
  /**
   * What is unsafe in how it is reached, with the fix: set for plain TCP (no TLS) to anything but this machine's
   * loopback, where whoever reaches the port controls the engine — root on its machine.
   */
  readonly warning?: string;
  /** Options for `http.request` that reach the engine (add method, path, headers). */
  requestOptions(): RequestOptions;
  /** A fresh raw connection to the engine's API (for hijacked streams: attach, exec start). */
  connect(): Duplex;
  /** Explains a failure to reach it, with the fix. */
  explain(error: Error): EngineFailure;
  /** Closes the connections kept open between requests (TLS, ssh). */
  close(): void;
}

/** Options of {@link openEngine}. */
export interface OpenEngineOptions {
  /** The ssh program for `ssh://` engines (default `ssh` on `PATH`). */
  readonly sshCommand?: string;
}

/**
 * An HTTP agent that keeps connections made by `dial` open between requests: a TLS handshake or an ssh login per
 * request would cost more than the request. Hijacked streams use fresh connections (`connect`).
 */
function keepAliveAgent(dial: () => Duplex): Agent {
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 4, timeout: 60_000 });
  Object.assign(agent, { createConnection: dial });
  return agent;
}

/** Reads a TLS file, naming it when it cannot be read. */
function readTlsFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`the ${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The warning of a plain-TCP engine off this machine (see {@link DockerEngine.warning}). */
function plainTcpWarning(shown: string): string {
  return `${shown} is plain TCP without TLS: anyone who can reach that port controls the engine (root on its machine) and sees every request. Fix: turn TLS on (the engine's --tlsverify, and docker_tls_verify with docker_cert_path here), or reach it over ssh:// (docker_host: ssh://user@host)`;
}

/**
 * Opens an engine: a local UNIX socket, `tcp://` (with mutual TLS when the address has TLS files: the engine's
 * certificate is checked against the CA, this client presents its certificate), or `ssh://` through the system
 * ssh (`docker system dial-stdio` on the far side, like the Docker CLI). TLS files are read now: a missing or
 * unreadable one throws at once, naming the file. Nothing is connected until a request is made.
 */
export function openEngine(address: EngineAddress, options: OpenEngineOptions = {}): DockerEngine {
  const parsed = parseEngineHost(address.host, address.tls !== undefined);
  const base = { address, transport: parsed.transport };
  const explain = (error: Error): EngineFailure => explainEngineFailure(address, error);
  if (parsed.transport === 'unix') {
    const socketPath = parsed.socketPath ?? '';
    return { ...base, local: true, socketPath, name: `unix://${socketPath}`, requestOptions: () => ({ socketPath }), connect: () => createConnection(socketPath), explain, close: () => undefined };
  }
  if (parsed.transport === 'ssh') {
    const target = { hostname: parsed.hostname ?? '', ...(parsed.port !== undefined ? { port: parsed.port } : {}), ...(parsed.user !== undefined ? { user: parsed.user } : {}), ...(options.sshCommand !== undefined ? { command: options.sshCommand } : {}) };
    const connect = (): Duplex => new SshStream(target);
    const agent = keepAliveAgent(connect);
    return { ...base, local: false, name: address.host, requestOptions: () => ({ agent }), connect, explain, close: () => agent.destroy() };
  }
  const host = parsed.hostname ?? '';
  const port = parsed.port ?? 2375;
  const shown = `tcp://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const tls = address.tls;
  if (tls === undefined) {
    const connect = (): Duplex => createConnection({ host, port });
    const warning = isLoopbackHost(host) ? undefined : plainTcpWarning(shown);
    return { ...base, local: false, name: shown, ...(warning !== undefined ? { warning } : {}), requestOptions: () => ({ host, port }), connect, explain, close: () => undefined };
  }
  const secure = {
    host,
    port,
    ca: readTlsFile(tls.ca, 'CA certificate'),
    ...(tls.cert !== undefined ? { cert: readTlsFile(tls.cert, 'client certificate') } : {}),
    ...(tls.key !== undefined ? { key: readTlsFile(tls.key, 'client key') } : {}),
    ...(isIP(host) === 0 ? { servername: host } : {}),
  };
  const connect = (): Duplex => tlsConnect(secure);
  const agent = keepAliveAgent(connect);
  return { ...base, local: false, name: `${shown} (TLS)`, requestOptions: () => ({ agent }), connect, explain, close: () => agent.destroy() };
}
