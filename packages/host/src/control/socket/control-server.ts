import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ServerRunningError } from '@berth/sdk';
import type { Logger } from 'pino';
import rpc from 'vscode-jsonrpc/node';
import { toResponseError } from '../../rpc/wire-error.js';
import type { ControlOperations, ServerStatus, Unsubscribe } from '../types.js';
import { probeSocket } from './probe.js';
import {
  AUTHENTICATE_METHOD,
  controlTokenPath,
  CONTROL_METHOD_PREFIX,
  CONTROL_OPERATIONS,
  NOTIFY_METHOD,
  STATUS_METHOD,
  UNSUBSCRIBE_METHOD,
  type ControlNotification,
  type ControlOperationName,
  type StatusAnswer,
} from './protocol.js';
import { ensurePrivateDir } from './socket-path.js';
import { claimTakeover } from './takeover-lock.js';

/** Options of {@link ControlServer.listen}. */
export interface ControlServerOptions {
  /** The socket path (see `controlSocketPath`). */
  readonly socket: string;
  /** The data folder it serves (named in the refusal of a second server). */
  readonly dataDir: string;
  /** The Berth version it reports. */
  readonly version: string;
  /** Where connection problems are logged. */
  readonly logger: Logger;
}

const OPERATIONS = new Set<string>(CONTROL_OPERATIONS);

/**
 * The control endpoint of `berth serve`: JSON-RPC (`vscode-jsonrpc`) over a UNIX socket, mode 0600 in a 0700
 * folder of this user. {@link ControlServer.listen} claims the socket before the host starts — a second server on
 * the same data folder is refused with `ServerRunningError` naming the first one's pid and socket — and answers
 * `control/status` at once; the operations wait until {@link ControlServer.attach} gives it the host's.
 */
export class ControlServer {
  /** The socket path. */
  readonly socket: string;
  readonly #server: net.Server;
  readonly #connections = new Set<rpc.MessageConnection>();
  readonly #token = randomBytes(32).toString('base64url');
  #status: ServerStatus;
  #ops: ControlOperations | undefined;
  #ready: Promise<ControlOperations>;
  #resolveReady!: (ops: ControlOperations) => void;

  private constructor(server: net.Server, status: ServerStatus) {
    this.#server = server;
    this.socket = status.socket;
    this.#status = status;
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  /** Claims the socket and listens. Throws `ServerRunningError` when a live server holds it. */
  static async listen(options: ControlServerOptions): Promise<ControlServer> {
    const { socket, dataDir } = options;
    ensurePrivateDir(path.dirname(socket));
    for (let attempt = 0; ; attempt++) {
      const probe = await probeSocket(socket);
      if (probe.kind === 'live') {
        probe.socket.destroy();
        throw new ServerRunningError(probe.status?.pid ?? -1, socket, dataDir);
      }
      // Removing a dead socket and binding ours happen under a claim, so two servers starting at once cannot both.
      const release = claimTakeover(socket);
      if (release === undefined) {
        if (attempt >= 100) throw new Error(`another process keeps claiming the control socket ${socket} (${socket}.lock)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      let listening: NodeJS.ErrnoException | undefined;
      let control: ControlServer | undefined;
      try {
        // Probed again under the claim: the server that held it before us may be listening now.
        const again = await probeSocket(socket);
        if (again.kind === 'live') {
          again.socket.destroy();
          throw new ServerRunningError(again.status?.pid ?? -1, socket, dataDir);
        }
        if (again.kind === 'stale') fs.rmSync(socket, { force: true });
        const server = net.createServer();
        const status: ServerStatus = { pid: process.pid, socket, dataDir, startedAt: new Date().toISOString(), version: options.version };
        control = new ControlServer(server, status);
        // The token first (0600, in the private folder), so a client that finds the socket finds its token too.
        fs.rmSync(controlTokenPath(socket), { force: true });
        fs.writeFileSync(controlTokenPath(socket), control.#token, { mode: 0o600, flag: 'wx' });
        const accepting = control;
        server.on('connection', (s) => accepting.#accept(s, options.logger));
        listening = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
          server.once('error', resolve);
          server.listen(socket, () => resolve(undefined));
        });
        if (listening === undefined) fs.chmodSync(socket, 0o600);
      } finally {
        release();
      }
      if (listening === undefined && control !== undefined) return control;
      // Bound by a server that does not claim (an older Berth) between the probe and the listen: probe again.
      if (listening?.code !== 'EADDRINUSE' || attempt >= 2) throw listening;
    }
  }

  /** The operations to serve, once the host has started; `url` is its HTTP base, when it serves HTTP. */
  attach(ops: ControlOperations, extra: { readonly url?: string } = {}): void {
    this.#ops = ops;
    this.#status = { ...this.#status, ...(extra.url !== undefined ? { url: extra.url } : {}) };
    this.#resolveReady(ops);
  }

  /** What `control/status` answers. */
  get status(): ServerStatus {
    return this.#status;
  }

  /** Stops listening, ends every connection and removes the socket. */
  async close(): Promise<void> {
    for (const connection of this.#connections) connection.dispose();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    fs.rmSync(this.socket, { force: true });
    fs.rmSync(controlTokenPath(this.socket), { force: true });
  }

  #accept(socket: net.Socket, logger: Logger): void {
    const connection = rpc.createMessageConnection(new rpc.SocketMessageReader(socket), new rpc.SocketMessageWriter(socket));
    const subscriptions = new Map<number, Unsubscribe>();
    let nextId = 1;
    this.#connections.add(connection);
    const end = (): void => {
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
      this.#connections.delete(connection);
      socket.destroy();
    };
    connection.onClose(end);
    socket.on('error', (error) => logger.debug({ err: error }, 'a control connection failed'));
    connection.onRequest(STATUS_METHOD, (): StatusAnswer => ({ ...this.#status, ready: this.#ops !== undefined }));
    let authenticated = false;
    const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
    connection.onRequest(AUTHENTICATE_METHOD, (given: unknown) => {
      authenticated = typeof given === 'string' && timingSafeEqual(digest(given), digest(this.#token));
      return authenticated ? true : new rpc.ResponseError(rpc.ErrorCodes.InvalidRequest, `wrong control token (read it from ${controlTokenPath(this.socket)})`);
    });
    const unauthenticated = (): rpc.ResponseError =>
      new rpc.ResponseError(rpc.ErrorCodes.InvalidRequest, `authenticate first: send control/authenticate with the token in ${controlTokenPath(this.socket)}`);
    connection.onRequest(UNSUBSCRIBE_METHOD, (id: number) => {
      if (!authenticated) return unauthenticated();
      subscriptions.get(id)?.();
      subscriptions.delete(id);
      return null;
    });
    const notify = (payload: ControlNotification): void => void connection.sendNotification(NOTIFY_METHOD, payload).catch(() => undefined);
    connection.onRequest(async (method: string, params: unknown) => {
      const name = method.startsWith(CONTROL_METHOD_PREFIX) ? method.slice(CONTROL_METHOD_PREFIX.length) : '';
      if (!OPERATIONS.has(name)) return new rpc.ResponseError(rpc.ErrorCodes.MethodNotFound, `unknown control method '${method}'`);
      if (!authenticated) return unauthenticated();
      const args = Array.isArray(params) ? (params as unknown[]).map((a) => (a === null ? undefined : a)) : [];
      try {
        const ops = await this.#ready;
        const op = name as ControlOperationName;
        if (op === 'subscribe') {
          const id = nextId++;
          subscriptions.set(id, await ops.subscribe((event) => notify({ id, event })));
          return id;
        }
        if (op === 'followLogs') {
          const id = nextId++;
          subscriptions.set(id, await ops.followLogs(String(args[0]), (line) => notify({ id, line })));
          return id;
        }
        const fn = ops[op] as (...a: unknown[]) => Promise<unknown>;
        const result = await fn.apply(ops, args);
        return result ?? null;
      } catch (error) {
        // The host⇄plugin channel's own ResponseError is not vscode-jsonrpc's: returned as is, it would travel as a
        // successful result. Re-made as vscode-jsonrpc's, it is sent as the error it is.
        const wire = toResponseError(error);
        return new rpc.ResponseError(wire.code, wire.message, wire.data);
      }
    });
    connection.listen();
  }
}
