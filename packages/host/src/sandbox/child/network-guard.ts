/**
 * Preloaded (`--import`) into a sandboxed plugin that holds no `network` permission: every first-order network
 * API throws `ERR_ACCESS_DENIED`. A seat belt, not a wall (see docs/security.md): bubblewrap's network namespace
 * is the real barrier; this is the only network check where bubblewrap is missing.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { accessDenied, lock } from './lock.js';

function targetOf(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string' || typeof first === 'number') return `${String(first)}${second !== undefined && typeof second !== 'function' && typeof second !== 'object' ? `:${String(second)}` : ''}`;
  if (first instanceof URL) return first.href;
  const o = first as { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown } | null;
  if (o !== null && typeof o === 'object') return `${String(o.hostname ?? o.host ?? o.path ?? '?')}${o.port !== undefined ? `:${String(o.port)}` : ''}`;
  return '?';
}

function denied(api: string): (...args: unknown[]) => never {
  return (...args: unknown[]): never => {
    throw accessDenied('network', targetOf(args), `network access denied (${api}): the plugin holds no 'network' permission`);
  };
}

function lockAll(target: object, keys: readonly string[], prefix: string): void {
  for (const key of keys) lock(target, key, denied(`${prefix}.${key}`));
}

function functionKeys(target: object, except: readonly string[]): string[] {
  return Object.getOwnPropertyNames(target).filter(
    (key) => !except.includes(key) && typeof (target as Record<string, unknown>)[key] === 'function',
  );
}

const DNS_KEEP = ['Resolver', 'getServers', 'setDefaultResultOrder', 'getDefaultResultOrder', 'constructor'];

/**
 * UNIX sockets the host serves for this plugin (its Docker policy socket): the only connections allowed without
 * `network`. Read once at load; the membership test is bound now, so poisoning `Set.prototype` later changes nothing.
 */
const allowedSockets = new Set<string>(parseAllowed(process.env['BERTH_ALLOWED_SOCKETS']));
const isAllowedSocket = Set.prototype.has.bind(allowedSockets) as (value: unknown) => boolean;

function parseAllowed(text: string | undefined): string[] {
  try {
    const value = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.startsWith('/')) : [];
  } catch {
    return [];
  }
}

/** The UNIX socket path a connect-like call names, if any (`path`, `socketPath`, or a path string). */
function socketPathOf(args: readonly unknown[]): string | undefined {
  // net.connect() hands Socket#connect its normalised arguments as one array: [options, callback].
  if (Array.isArray(args[0])) return socketPathOf(args[0] as unknown[]);
  for (const arg of args.slice(0, 2)) {
    if (typeof arg === 'string' && arg.startsWith('/')) return arg;
    if (arg !== null && typeof arg === 'object' && !(arg instanceof URL)) {
      const o = arg as { path?: unknown; socketPath?: unknown };
      if (typeof o.socketPath === 'string') return o.socketPath;
      if (typeof o.path === 'string' && o.path.startsWith('/') && !('host' in o) && !('hostname' in o)) return o.path;
    }
  }
  return undefined;
}

const snapshot = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !(value instanceof URL) && !Array.isArray(value) ? { ...value } : value;

/**
 * The arguments as plain data, read once: an options object with a getter could name an allowed socket when
 * checked and another one when Node reads it again. Node's normalised `[options, callback]` array is copied with
 * its own symbols (its internal marker); anything that does not survive the copy fails closed.
 */
function pinned(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (!Array.isArray(first)) return args.map(snapshot);
  const copy: unknown[] = Array.from(first as unknown[], snapshot);
  for (const symbol of Object.getOwnPropertySymbols(first)) (copy as unknown as Record<symbol, unknown>)[symbol] = (first as unknown as Record<symbol, unknown>)[symbol];
  return [copy, ...rest];
}

/** Like {@link denied}, but lets through calls to an allowed UNIX socket (checked on a pinned copy of the arguments). */
function deniedExceptAllowedSockets(original: (...args: unknown[]) => unknown, api: string): (...args: unknown[]) => unknown {
  const refuse = denied(api);
  const apply = Reflect.apply;
  return function (this: unknown, ...args: unknown[]): unknown {
    const safe = pinned(args);
    const socket = socketPathOf(safe);
    if (socket !== undefined && isAllowedSocket(socket)) return apply(original, this, safe);
    return refuse(...safe);
  };
}

function lockAllowingSockets(target: object, keys: readonly string[], prefix: string): void {
  for (const key of keys) {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[key];
    if (typeof original === 'function') lock(target, key, deniedExceptAllowedSockets(original, `${prefix}.${key}`));
  }
}

lockAllowingSockets(net, ['connect', 'createConnection'], 'net');
lockAllowingSockets(net.Socket.prototype, ['connect'], 'net.Socket');
lockAll(net.Server.prototype, ['listen', '_listen2'], 'net.Server');
lockAll(tls, ['connect'], 'tls');
lockAllowingSockets(http, ['request', 'get'], 'http');
lockAllowingSockets(http.Agent.prototype, ['createConnection'], 'http.Agent');
lockAll(https, ['request', 'get'], 'https');
lockAll(https.Agent.prototype, ['createConnection'], 'https.Agent');
lockAll(http2, ['connect'], 'http2');
lockAll(dns, functionKeys(dns, DNS_KEEP), 'dns');
lockAll(dns.Resolver.prototype, functionKeys(dns.Resolver.prototype, DNS_KEEP), 'dns.Resolver');
lockAll(dns.promises, functionKeys(dns.promises, DNS_KEEP), 'dns.promises');
lockAll(dns.promises.Resolver.prototype, functionKeys(dns.promises.Resolver.prototype, DNS_KEEP), 'dns.promises.Resolver');
lockAll(dgram.Socket.prototype, ['bind', 'send', 'connect'], 'dgram.Socket');
lockAll(dgram, ['createSocket', 'Socket'], 'dgram');
for (const key of ['fetch', 'WebSocket', 'EventSource']) {
  if (key in globalThis) lock(globalThis, key, denied(key));
}
syncBuiltinESMExports();
