import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { EgressPolicy, type EgressDecision, type Resolve } from './policy.js';
import { SocketReader } from './socket-reader.js';
import { readSocks5Request, Socks5Refusal, SOCKS5_REPLY, socks5Reply } from './socks5.js';

/** How a client inside the sandbox asked for a connection. */
export type EgressProtocol = 'socks5' | 'http-connect' | 'http' | 'berth';

/** One connection the proxy allowed or refused (what goes to the audit log). */
export interface EgressEvent extends EgressDecision {
  /** The plugin whose proxy it is. */
  readonly plugin: string;
  /** `host:port` as the client named it. */
  readonly target: string;
  /** How it was asked for. */
  readonly protocol: EgressProtocol;
}

/** Options of {@link startEgressProxy}. */
export interface EgressProxyOptions {
  /** The plugin it serves. */
  readonly plugin: string;
  /** The UNIX socket to listen on (bound into the plugin's network namespace). */
  readonly socketPath: string;
  /** The entries of the plugin's `network` grants. */
  readonly scopes: readonly string[];
  /** Name resolution (default: the system's). */
  readonly resolve?: Resolve;
  /** Every decision, allowed and refused. */
  readonly onDecision?: (event: EgressEvent) => void;
}

/** A running egress proxy. */
export interface EgressProxy {
  /** Where it listens. */
  readonly socketPath: string;
  /** Connections currently open through it. */
  readonly open: number;
  /** Stops listening and closes every connection through it. */
  close(): Promise<void>;
}

/** The first line of Berth's own preamble protocol: `BERTH/1 <host> <port>\n`, then the raw stream (the preload and the relay use it). */
export const BERTH_PREAMBLE = 'BERTH/1';

/** Stream buffer per hop: bigger reads and writes (measured in bench/egress-proxy.bench.js). */
const STREAM_BUFFER = 256 * 1024;

/** Parses `host:port`, `[v6]:port`. */
function hostPort(text: string, defaultPort: number): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:/]+))(?::(\d{1,5}))?$/.exec(text);
  if (m === null) return undefined;
  return { host: (m[1] ?? m[2] ?? '').toLowerCase(), port: m[3] !== undefined ? Number(m[3]) : defaultPort };
}

const display = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Starts a plugin's egress proxy: the only way out of its empty network namespace. One UNIX socket speaks SOCKS5
 * (CONNECT), HTTP (CONNECT and absolute-form requests) and Berth's preamble, told apart by the first byte. Every
 * target is decided by the plugin's {@link EgressPolicy} — names resolved here, the connection made to the checked
 * address — and every decision is reported.
 */
export function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  return Promise.resolve(listenEgressProxy(options));
}

/**
 * {@link startEgressProxy}, synchronously: a UNIX socket is bound and listening when `listen()` returns (for
 * launchers that cannot wait). Throws when the socket cannot be bound.
 */
export function listenEgressProxy(options: EgressProxyOptions): EgressProxy {
  const policy = new EgressPolicy(options.scopes, options.resolve);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const decide = async (host: string, port: number, protocol: EgressProtocol): Promise<EgressDecision> => {
    const decision = await policy.decide(host, port);
    options.onDecision?.({ ...decision, plugin: options.plugin, target: display(host, port), protocol });
    return decision;
  };
  /** Connects to the checked address; resolves with the upstream socket once connected. */
  const connect = (address: string, port: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const upstream = net.connect({ host: address, port, noDelay: true, allowHalfOpen: true, highWaterMark: STREAM_BUFFER } as net.NetConnectOpts);
      track(upstream);
      upstream.once('connect', () => {
        upstream.off('error', reject);
        resolve(upstream);
      });
      upstream.once('error', reject);
    });
  /** Both directions, half-close kept (a client may shut down its side and still read the answer). */
  const splice = (client: net.Socket, upstream: net.Socket): void => {
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('error', () => upstream.destroy());
    upstream.once('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.resume();
  };

  const httpServer = http.createServer();
  httpServer.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    void (async () => {
      const target = hostPort(req.url ?? '', 443);
      if (target === undefined) return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      const decision = await decide(target.host, target.port, 'http-connect');
      if (!decision.allowed || decision.address === undefined) {
        return void client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nberth: ${decision.reason}\n`);
      }
      try {
        const upstream = await connect(decision.address, target.port);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        splice(client, upstream);
      } catch (error) {
        client.end(`HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\nberth: ${(error as Error).message}\n`);
      }
    })();
  });
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      let url: URL;
      try {
        url = new URL(req.url ?? '');
      } catch {
        return void res.writeHead(400).end('berth: a proxy request needs an absolute URL\n');
      }
      if (url.protocol !== 'http:') return void res.writeHead(400).end('berth: only http: URLs are proxied without CONNECT\n');
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const port = url.port !== '' ? Number(url.port) : 80;
      const decision = await decide(host, port, 'http');
      if (!decision.allowed || decision.address === undefined) return void res.writeHead(403, { 'content-type': 'text/plain' }).end(`berth: ${decision.reason}\n`);
      const upstream = http.request({ host: decision.address, port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers, setHost: false });
      upstream.on('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => (res.headersSent ? res.destroy() : res.writeHead(502).end(`berth: ${error.message}\n`)));
      req.pipe(upstream);
    })();
  });

  const onSocks5 = async (client: net.Socket, reader: SocketReader): Promise<void> => {
    let target;
    try {
      target = await readSocks5Request(reader, client);
    } catch (error) {
      if (error instanceof Socks5Refusal && error.reply !== undefined) client.end(socks5Reply(error.reply));
      else client.destroy();
      return;
    }
    const decision = await decide(target.host, target.port, 'socks5');
    if (!decision.allowed || decision.address === undefined) return void client.end(socks5Reply(SOCKS5_REPLY.notAllowed));
    try {
      const upstream = await connect(decision.address, target.port);
      client.write(socks5Reply(SOCKS5_REPLY.succeeded));
      splice(client, upstream);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? SOCKS5_REPLY.connectionRefused : SOCKS5_REPLY.hostUnreachable;
      client.end(socks5Reply(code));
    }
  };

  const onPreamble = async (client: net.Socket, reader: SocketReader): Promise<void> => {
    const [, host = '', portText = ''] = (await reader.line(300)).split(' ');
    const decision = await decide(host, Number(portText), 'berth');
    if (!decision.allowed || decision.address === undefined) return void client.destroy();
    try {
      splice(client, await connect(decision.address, Number(portText)));
    } catch {
      client.destroy();
    }
  };

  const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true, highWaterMark: STREAM_BUFFER }, (client) => {
    track(client);
    const reader = new SocketReader(client);
    void (async () => {
      try {
        const first = await reader.bytes(1);
        if (first[0] === 0x05) return await onSocks5(client, reader);
        if (first[0] === 0x42 /* B */) {
          const rest = await reader.bytes(BERTH_PREAMBLE.length - 1);
          if (`B${rest.toString('latin1')}` === BERTH_PREAMBLE) return await onPreamble(client, reader);
          reader.unread(Buffer.concat([first, rest]));
        } else reader.unread(first);
        httpServer.emit('connection', client);
        client.resume();
      } catch {
        client.destroy();
      }
    })();
  });
  fs.rmSync(options.socketPath, { force: true });
  let failure: Error | undefined;
  server.on('error', (error) => (failure = error));
  server.listen(options.socketPath);
  if (!server.listening || failure !== undefined) throw new Error(`cannot listen on ${options.socketPath}: ${failure?.message ?? 'not bound'}`);
  fs.chmodSync(options.socketPath, 0o600);
  return {
    socketPath: options.socketPath,
    get open() {
      return sockets.size;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      httpServer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(options.socketPath, { force: true });
    },
  };
}
