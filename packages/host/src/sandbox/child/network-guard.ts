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
import { parseNetworkScope, parseNetworkScopes } from '../../network/scope.js';
import { accessDenied, lock } from './lock.js';
import { apply, endsWith, exec, isArray, ownSymbols, setHas, sliceString, startsWith, toLower, toText, uncurried } from './primordials.js';


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

/** One scope entry, compiled at load (before plugin code runs) into data the check reads with captured built-ins. */
interface CompiledScope {
  /** Name entries: the exact name, or the suffix (`.example.com`) of a `*.` wildcard; `*` alone: any name. */
  readonly name?: string;
  readonly wildcard: boolean;
  /** Address entries: the network. */
  readonly network?: net.BlockList;
  readonly family?: 'ipv4' | 'ipv6';
  readonly from: number;
  readonly to: number;
}

/**
 * The entries of the plugin's scoped `network` grant (host names, `*.` wildcards, IPv4/IPv6 literals, CIDR ranges,
 * ports and port ranges; see `network/scope.ts`): when set, TCP connections to them are let through and everything
 * else stays denied. Every TCP client API (net, tls, http, https, http2, fetch) ends in
 * `net.Socket.prototype.connect`, so that is where the target is checked, on a pinned copy of the options without a
 * custom `lookup` (which could connect an allowed name to any address).
 */
const allowedHosts: readonly CompiledScope[] = parseAllowed(process.env['BERTH_ALLOWED_HOSTS'], false).flatMap((entry): CompiledScope[] => {
  let scopes;
  try {
    scopes = [parseNetworkScope(entry), ...parseNetworkScopes([entry])];
  } catch {
    return [];
  }
  return scopes.map((scope) => {
    const from = scope.ports?.from ?? 1;
    const to = scope.ports?.to ?? 65535;
    if (scope.kind === 'address' && scope.network !== undefined) {
      const list = new net.BlockList();
      list.addSubnet(scope.network.address, scope.network.prefix, scope.network.family);
      return { network: list, family: scope.network.family, wildcard: false, from, to };
    }
    const name = scope.name ?? '';
    return name === '*' ? { name: '', wildcard: true, from, to } : { name: name.startsWith('*.') ? name.slice(1) : name, wildcard: name.startsWith('*.'), from, to };
  });
});

const blockListCheck = uncurried(net.BlockList.prototype.check as (address: string, family?: string) => boolean);
const isIP = net.isIP;

/** A plain DNS name: the resolver reads a C string, so `127.0.0.1\0.example.com` would match `*.example.com` and resolve as 127.0.0.1. */
const HOST_NAME = /^[a-z0-9_.-]{1,253}$/;

function hostAllowed(rawHost: string, port: string | undefined): boolean {
  let host = toLower(rawHost);
  if (startsWith(host, '[') && endsWith(host, ']')) host = sliceString(host, 1, -1);
  const family = isIP(host);
  if (family === 0 && exec(HOST_NAME, host) === null) return false;
  const portNumber = port === undefined || port === '' ? undefined : +port;
  for (let i = 0; i < allowedHosts.length; i++) {
    const scope = allowedHosts[i] as CompiledScope;
    if (portNumber !== undefined && (portNumber < scope.from || portNumber > scope.to)) continue;
    if (scope.network !== undefined) {
      if (family !== 0 && (family === 4 ? 'ipv4' : 'ipv6') === scope.family && blockListCheck(scope.network, host, scope.family)) return true;
    } else if (family === 0 && (scope.wildcard ? endsWith(host, scope.name ?? '') : scope.name === host)) return true;
  }
  return false;
}

/**
 * Behind an egress proxy (bubblewrap with a scoped grant) the namespace holds only loopback: a granted target is
 * reached through the proxy's socket with Berth's preamble; a loopback target that is not granted is the
 * namespace's own, private loopback (the plugin's own children's listeners), never the host's.
 */
const egressSocket = ((): string | undefined => {
  const value = process.env['BERTH_EGRESS_SOCKET'];
  return typeof value === 'string' && value.startsWith('/') ? value : undefined;
})();
if (egressSocket !== undefined) allowedSockets.add(egressSocket);
/** `node:tls`, loaded only behind an egress proxy (a plugin without network does not carry it). */
const tlsModule = egressSocket !== undefined ? (await import('node:tls')).default : undefined;

function isLoopbackHost(rawHost: string): boolean {
  let host = toLower(rawHost);
  if (startsWith(host, '[') && endsWith(host, ']')) host = sliceString(host, 1, -1);
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && startsWith(host, '127.'));
}

const socketWrite = uncurried(net.Socket.prototype.write as (chunk: string) => boolean);

/** `net.Socket.prototype.connect` for a scoped grant: allowed sockets and allowed targets only (behind a proxy: through it). */
function scopedSocketConnect(original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const refuse = denied('net.Socket.connect');
  return function (this: unknown, ...args: unknown[]): unknown {
    const safe = pinned(args);
    const socket = socketPathOf(safe);
    if (socket !== undefined) return isAllowedSocket(socket) ? apply(original, this, safe) : refuse(...safe);
    const first = isArray(safe[0]) ? (safe[0] as unknown[])[0] : safe[0];
    const options: Record<string, unknown> = isPlainObject(first) ? first : { port: first, host: safe[1] };
    delete options['lookup'];
    // Node connects to `path` whenever it is truthy, even beside a host: a path that is not an allowed socket (an
    // abstract socket, a relative path, a socket path next to a granted host) is never let through.
    if (options['path']) return refuse(...safe);
    const host = typeof options['host'] === 'string' ? options['host'] : 'localhost';
    const port = toText(options['port'] ?? '');
    if (hostAllowed(host, port)) {
      if (egressSocket === undefined) return apply(original, this, safe);
      return throughEgress(this, original, safe, host, port);
    }
    if (egressSocket !== undefined && isLoopbackHost(host)) return apply(original, this, safe);
    throw accessDenied('network', `${host}:${port}`, `network access denied: '${host}:${port}' is not among the hosts the plugin's 'network' grant names`);
  };
}

/**
 * Connects the socket to the egress proxy instead, and queues Berth's preamble naming the target before anything
 * the caller writes. A TLS socket cannot carry a clear-text preamble: `tls.connect` is wrapped to hand TLS a
 * socket connected this way; a TLS socket connected by hand is refused.
 */
function throughEgress(self: unknown, original: (...args: unknown[]) => unknown, safe: unknown[], host: string, port: string): unknown {
  if (tlsModule !== undefined && self instanceof tlsModule.TLSSocket) {
    throw accessDenied('network', `${host}:${port}`, 'network access denied: behind the egress proxy, TLS sockets must be made with tls.connect (or https, fetch)');
  }
  const callback = isArray(safe[0]) ? (safe[0] as unknown[])[1] : typeof safe[1] === 'function' ? safe[1] : safe[2];
  const result = apply(original, self, [{ path: egressSocket }, ...(typeof callback === 'function' ? [callback] : [])]);
  let target = host;
  if (startsWith(target, '[') && endsWith(target, ']')) target = sliceString(target, 1, -1);
  socketWrite(self, `BERTH/1 ${target} ${port}\n`);
  return result;
}

/** `tls.connect` behind the egress proxy: the clear socket is made first (through the proxy), TLS runs over it. */
function egressTlsConnect(original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    const safe = pinned(args);
    const callback = typeof safe[safe.length - 1] === 'function' ? safe[safe.length - 1] : undefined;
    let options: Record<string, unknown> = {};
    if (isPlainObject(safe[0])) options = safe[0];
    else {
      options = { port: safe[0], ...(typeof safe[1] === 'string' ? { host: safe[1] } : {}), ...(isPlainObject(safe[1]) ? safe[1] : isPlainObject(safe[2]) ? safe[2] : {}) };
    }
    // https passes `path: null` (the request path slot): only truthy values count, as in Node itself.
    if (options['socket'] || options['path']) return apply(original, this, safe);
    delete options['lookup'];
    const host = typeof options['host'] === 'string' ? options['host'] : 'localhost';
    const clear = net.connect({ host, port: options['port'] as number });
    return apply(original, this, [{ ...options, socket: clear }, ...(callback !== undefined ? [callback] : [])]);
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
  if (tlsModule !== undefined) lock(tlsModule, 'connect', egressTlsConnect(tlsModule.connect as (...args: unknown[]) => unknown));
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
