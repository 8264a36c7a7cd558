/**
 * Preloaded (`--import`) into a sandboxed plugin that holds no `network` permission, or only a host-scoped one:
 * every network API throws `ERR_ACCESS_DENIED` (scoped: except connections to the granted hosts). TCP clients of every
 * kind end in `net.connect`/`net.Socket.prototype.connect`, listening in `net.Server.prototype.listen`; DNS and UDP
 * are locked on their own. A seat belt, not a wall (see docs/security.md): bubblewrap's network namespace
 * is the real barrier; this is the only network check where bubblewrap is missing.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { accessDenied, lock } from './lock.js';
import { apply, endsWith, isArray, ownSymbols, setHas, sliceString, startsWith, toLower, toText } from './primordials.js';

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
 * `network`. Read once at load. Every check below uses built-ins captured at load (`./primordials.js`) and indexes
 * arrays by hand: a plugin that redefines `Array.prototype.slice` or `String.prototype.startsWith` changes nothing.
 */
const allowedSockets = new Set<string>(parseAllowed(process.env['BERTH_ALLOWED_SOCKETS'], true));
const isAllowedSocket = (value: unknown): boolean => setHas(allowedSockets, value);

function parseAllowed(text: string | undefined, paths: boolean): string[] {
  try {
    const value = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && (!paths || v.startsWith('/'))) : [];
  } catch {
    return [];
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !isArray(value) && !(value instanceof URL);

/** The UNIX socket path a connect-like call names, if any (`path`, `socketPath`, or a path string). */
function socketPathOf(args: readonly unknown[]): string | undefined {
  // net.connect() hands Socket#connect its normalised arguments as one array: [options, callback].
  if (isArray(args[0])) return socketPathOf(args[0] as unknown[]);
  for (let i = 0; i < 2 && i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === 'string' && startsWith(arg, '/')) return arg;
    if (isPlainObject(arg)) {
      if (typeof arg['socketPath'] === 'string') return arg['socketPath'];
      const p = arg['path'];
      if (typeof p === 'string' && startsWith(p, '/') && !('host' in arg) && !('hostname' in arg)) return p;
    }
  }
  return undefined;
}

/** A plain-data copy of an options object (getters read once); anything else as it is. */
const snapshot = (value: unknown): unknown => (isPlainObject(value) ? { ...value } : value);

/**
 * The arguments as plain data, read once: an options object with a getter could name an allowed socket when
 * checked and another one when Node reads it again. Node's normalised `[options, callback]` array is copied with
 * its own symbols (its internal marker); anything that does not survive the copy fails closed.
 */
function pinned(args: readonly unknown[]): unknown[] {
  const copy: unknown[] = [];
  for (let i = 0; i < args.length; i++) copy[i] = snapshot(args[i]);
  const first = args[0];
  if (isArray(first)) {
    const inner: unknown[] = [];
    for (let i = 0; i < first.length; i++) inner[i] = snapshot(first[i]);
    const symbols = ownSymbols(first);
    for (let i = 0; i < symbols.length; i++) {
      const symbol = symbols[i] as symbol;
      (inner as unknown as Record<symbol, unknown>)[symbol] = (first as unknown as Record<symbol, unknown>)[symbol];
    }
    copy[0] = inner;
  }
  return copy;
}

/** Like {@link denied}, but lets through calls to an allowed UNIX socket (checked on a pinned copy of the arguments). */
function deniedExceptAllowedSockets(original: (...args: unknown[]) => unknown, api: string): (...args: unknown[]) => unknown {
  const refuse = denied(api);
  return function (this: unknown, ...args: unknown[]): unknown {
    const safe = pinned(args);
    const socket = socketPathOf(safe);
    if (socket !== undefined && isAllowedSocket(socket)) return apply(original, this, safe);
    return refuse(...safe);
  };
}

/**
 * Set by the host when the plugin runs in bubblewrap's empty network namespace (no `network` grant): loopback there
 * is private to the sandbox. Read once at load, before plugin code runs.
 */
const privateNetwork = process.env['BERTH_PRIVATE_NETWORK'] === '1';

function isLoopbackName(rawHost: string): boolean {
  let host = toLower(rawHost);
  if (startsWith(host, '[') && endsWith(host, ']')) host = sliceString(host, 1, -1);
  return host === 'localhost' || host === '::1' || (net.isIP(host) === 4 && startsWith(host, '127.'));
}

/** The TCP host a connect-like call names on a pinned copy (`localhost` when none is given), or undefined. */
function tcpHostOf(args: readonly unknown[]): string | undefined {
  if (isArray(args[0])) return tcpHostOf(args[0] as unknown[]);
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && !startsWith(first, '/'))) return typeof second === 'string' ? second : 'localhost';
  if (isPlainObject(first) && first['path'] === undefined) {
    delete first['lookup']; // a custom lookup could turn "localhost" into any address
    return typeof first['host'] === 'string' ? first['host'] : 'localhost';
  }
  return undefined;
}

/** Like {@link deniedExceptAllowedSockets}, and lets through TCP connections to the private loopback too. */
function lockAllowingLoopback(target: object, keys: readonly string[], prefix: string): void {
  for (const key of keys) {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[key];
    if (typeof original !== 'function') continue;
    const refuse = denied(`${prefix}.${key}`);
    lock(target, key, function (this: unknown, ...args: unknown[]): unknown {
      const safe = pinned(args);
      const socket = socketPathOf(safe);
      if (socket !== undefined && isAllowedSocket(socket)) return apply(original, this, safe);
      const host = socket === undefined ? tcpHostOf(safe) : undefined;
      if (host !== undefined && isLoopbackName(host)) return apply(original, this, safe);
      return refuse(...safe);
    });
  }
}

function lockAllowingSockets(target: object, keys: readonly string[], prefix: string): void {
  for (const key of keys) {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[key];
    if (typeof original === 'function') lock(target, key, deniedExceptAllowedSockets(original, `${prefix}.${key}`));
  }
}

/** One host scope, parsed at load: `host`, `host:port` or `*.domain`. */
interface HostScope {
  readonly host: string;
  readonly port: string | undefined;
  readonly wildcard: boolean;
}

/**
 * Hosts the plugin's scoped `network` grant names: when set, TCP connections to those hosts are let through and
 * everything else stays denied. Every TCP client API (net, tls, http, https, http2, fetch) ends in
 * `net.Socket.prototype.connect`, so that is where the host is checked, on a pinned copy of the options without a
 * custom `lookup` (which could connect an allowed name to any address).
 */
const allowedHosts: readonly HostScope[] = parseAllowed(process.env['BERTH_ALLOWED_HOSTS'], false).map((scope) => {
  const text = scope.toLowerCase();
  const port = /:(\d+)$/.exec(text)?.[1];
  const host = port !== undefined ? text.slice(0, -(port.length + 1)) : text;
  return { host: host.startsWith('*.') ? host.slice(1) : host, port, wildcard: host.startsWith('*.') };
});

function hostAllowed(rawHost: string, port: string | undefined): boolean {
  let host = toLower(rawHost);
  if (startsWith(host, '[') && endsWith(host, ']')) host = sliceString(host, 1, -1);
  for (let i = 0; i < allowedHosts.length; i++) {
    const scope = allowedHosts[i] as HostScope;
    if (port !== undefined && scope.port !== undefined && scope.port !== port) continue;
    if (scope.wildcard ? endsWith(host, scope.host) : scope.host === host) return true;
  }
  return false;
}

/** `net.Socket.prototype.connect` for a scoped grant: allowed sockets and allowed hosts only. */
function scopedSocketConnect(original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const refuse = denied('net.Socket.connect');
  return function (this: unknown, ...args: unknown[]): unknown {
    const safe = pinned(args);
    const socket = socketPathOf(safe);
    if (socket !== undefined) return isAllowedSocket(socket) ? apply(original, this, safe) : refuse(...safe);
    const first = isArray(safe[0]) ? (safe[0] as unknown[])[0] : safe[0];
    const options: Record<string, unknown> = isPlainObject(first) ? first : { port: first, host: safe[1] };
    delete options['lookup'];
    const host = typeof options['host'] === 'string' ? options['host'] : 'localhost';
    const port = toText(options['port'] ?? '');
    if (hostAllowed(host, port)) return apply(original, this, safe);
    throw accessDenied('network', `${host}:${port}`, `network access denied: '${host}' is not among the hosts the plugin's 'network' grant names`);
  };
}

/** A DNS function for a scoped grant: only names of allowed hosts are looked up (queries themselves carry data). */
function scopedDns(original: (...args: unknown[]) => unknown, api: string): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    const name = args[0];
    if (typeof name === 'string' && hostAllowed(name, undefined)) return apply(original, this, args);
    throw accessDenied('network', toText(name), `network access denied (${api}): '${toText(name)}' is not among the hosts the plugin's 'network' grant names`);
  };
}

function lockDnsScoped(target: object, keys: readonly string[], prefix: string): void {
  for (const key of keys) {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[key];
    if (typeof original === 'function') lock(target, key, scopedDns(original, `${prefix}.${key}`));
  }
}

if (allowedHosts.length > 0) {
  lock(net.Socket.prototype, 'connect', scopedSocketConnect(net.Socket.prototype.connect as (...args: unknown[]) => unknown));
  lockAll(net.Server.prototype, ['listen', '_listen2'], 'net.Server');
  lockDnsScoped(dns, functionKeys(dns, [...DNS_KEEP, 'reverse', 'lookupService']), 'dns');
  lockAll(dns, ['reverse', 'lookupService'], 'dns');
  lockDnsScoped(dns.promises, functionKeys(dns.promises, [...DNS_KEEP, 'reverse', 'lookupService']), 'dns.promises');
  lockAll(dns.promises, ['reverse', 'lookupService'], 'dns.promises');
  lockDnsScoped(dns.Resolver.prototype, functionKeys(dns.Resolver.prototype, [...DNS_KEEP, 'reverse', 'setServers']), 'dns.Resolver');
  lockDnsScoped(dns.promises.Resolver.prototype, functionKeys(dns.promises.Resolver.prototype, [...DNS_KEEP, 'reverse', 'setServers']), 'dns.promises.Resolver');
  lockAll(dgram.Socket.prototype, ['bind', 'send', 'connect'], 'dgram.Socket');
  lockAll(dgram, ['createSocket', 'Socket'], 'dgram');
} else if (privateNetwork) {
  // bubblewrap's empty network namespace: its loopback is the sandbox's own (the plugin and the programs it
  // started, e.g. a browser's debugging port), never the host's. Listening there and connecting to it is allowed;
  // anything else stays denied (and has no route out anyway).
  lockAllowingLoopback(net, ['connect', 'createConnection'], 'net');
  lockAllowingLoopback(net.Socket.prototype, ['connect'], 'net.Socket');
  lockAll(dns, functionKeys(dns, [...DNS_KEEP, 'lookup']), 'dns');
  lockAll(dns.promises, functionKeys(dns.promises, [...DNS_KEEP, 'lookup']), 'dns.promises');
  lockAll(dns.Resolver.prototype, functionKeys(dns.Resolver.prototype, DNS_KEEP), 'dns.Resolver');
  lockAll(dns.promises.Resolver.prototype, functionKeys(dns.promises.Resolver.prototype, DNS_KEEP), 'dns.promises.Resolver');
  lockAll(dgram, ['createSocket', 'Socket'], 'dgram');
  for (const key of ['fetch', 'WebSocket', 'EventSource']) {
    if (key in globalThis) lock(globalThis, key, denied(key));
  }
} else {
  lockAllowingSockets(net, ['connect', 'createConnection'], 'net');
  lockAllowingSockets(net.Socket.prototype, ['connect'], 'net.Socket');
  lockAll(net.Server.prototype, ['listen', '_listen2'], 'net.Server');
  // tls, http, https, http2 and fetch all connect through the locked net functions above: they are not loaded
  // here (≈ 5 MB a plugin without network would carry for nothing), and when a plugin loads them later they bind
  // to the locked versions.
  lockAll(dns, functionKeys(dns, DNS_KEEP), 'dns');
  lockAll(dns.Resolver.prototype, functionKeys(dns.Resolver.prototype, DNS_KEEP), 'dns.Resolver');
  lockAll(dns.promises, functionKeys(dns.promises, DNS_KEEP), 'dns.promises');
  lockAll(dns.promises.Resolver.prototype, functionKeys(dns.promises.Resolver.prototype, DNS_KEEP), 'dns.promises.Resolver');
  lockAll(dgram.Socket.prototype, ['bind', 'send', 'connect'], 'dgram.Socket');
  lockAll(dgram, ['createSocket', 'Socket'], 'dgram');
  for (const key of ['fetch', 'WebSocket', 'EventSource']) {
    if (key in globalThis) lock(globalThis, key, denied(key));
  }
}
syncBuiltinESMExports();
