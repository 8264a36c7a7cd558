import net from 'node:net';

/** A port or an inclusive range of ports; `undefined` in {@link NetworkScope.ports} means every port. */
export interface PortRange {
  /** First port of the range. */
  readonly from: number;
  /** Last port of the range (equal to `from` for one port). */
  readonly to: number;
}

/**
 * One entry of a `network` grant's scope, parsed: a host name pattern (`db.internal`, `*.example.com`), an IP
 * literal (`127.0.0.1`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`), each optionally with a port or a port
 * range (`:5432`, `:8000-8100`; IPv6 in brackets when a port follows: `[::1]:5432`).
 */
export interface NetworkScope {
  /** The entry as written. */
  readonly text: string;
  /** `name` (a host name pattern) or `address` (an IP literal or a CIDR range). */
  readonly kind: 'name' | 'address';
  /** The name pattern, lower case (kind `name`). */
  readonly name?: string;
  /** The network (kind `address`): an IP literal is a /32 or /128. */
  readonly network?: { readonly address: string; readonly prefix: number; readonly family: 'ipv4' | 'ipv6' };
  /** The ports allowed; undefined: every port. */
  readonly ports?: PortRange;
}

/** Why a scope entry could not be read. */
export class NetworkScopeSyntaxError extends Error {
  /** @param text - the entry; @param why - what is wrong with it */
  constructor(
    readonly text: string,
    why: string,
  ) {
    super(`'${text}' is not a network scope: ${why} (expected host, host:port, *.domain, an IPv4/IPv6 address, a CIDR range, [v6]:port or host:from-to)`);
    this.name = 'NetworkScopeSyntaxError';
  }
}

const NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function parsePorts(text: string, entry: string): PortRange {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (m === null) throw new NetworkScopeSyntaxError(entry, `'${text}' is not a port or a port range`);
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (from < 1 || to > 65535 || to < from) throw new NetworkScopeSyntaxError(entry, `ports must lie in 1-65535, the first not above the last`);
  return { from, to };
}

function parseAddress(text: string, entry: string): NetworkScope['network'] | undefined {
  const [address = '', prefixText, extra] = text.split('/');
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
  if (family === undefined) return undefined;
  const max = family === 'ipv4' ? 32 : 128;
  if (extra !== undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) throw new NetworkScopeSyntaxError(entry, 'bad CIDR prefix');
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) throw new NetworkScopeSyntaxError(entry, `a ${family} prefix is at most /${max}`);
  return { address, prefix, family };
}

/** Splits `host:port`, `[v6]:port`, a bare IPv6 address or CIDR, and `host` into host and port text. */
function splitEntry(entry: string): [string, string | undefined] {
  const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(entry);
  if (bracket !== null) return [bracket[1] ?? '', bracket[2]];
  const colons = entry.split(':').length - 1;
  if (colons >= 2) return [entry, undefined]; // a bare IPv6 address or range: no port without brackets
  const at = entry.lastIndexOf(':');
  return at < 0 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
}

/** Parses one scope entry; throws {@link NetworkScopeSyntaxError} on anything else. */
export function parseNetworkScope(entry: string): NetworkScope {
  const text = entry.trim().toLowerCase();
  const [host, portText] = splitEntry(text);
  const ports = portText !== undefined ? parsePorts(portText, entry) : undefined;
  const network = parseAddress(host, entry);
  if (network !== undefined) return { text: entry, kind: 'address', network, ...(ports !== undefined ? { ports } : {}) };
  if (host.includes('/')) throw new NetworkScopeSyntaxError(entry, `'${host}' is not an IP address, so it cannot take a /prefix`);
  if (!NAME.test(host) || host.length > 253) throw new NetworkScopeSyntaxError(entry, `'${host}' is not a host name`);
  return { text: entry, kind: 'name', name: host, ...(ports !== undefined ? { ports } : {}) };
}

/** The syntax problem of an entry, or undefined when it parses (for manifest and grant validation). */
export function networkScopeProblem(entry: string): string | undefined {
  try {
    parseNetworkScope(entry);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * True when a connection target is a plain DNS host name (labels of letters, digits, `_` and inner `-`). Anything
 * else is refused before it reaches the resolver: `getaddrinfo` reads a C string, so `10.1.2.3\0.example.com`
 * matches `*.example.com` here and resolves as `10.1.2.3` there.
 */
export function isHostName(name: string): boolean {
  return name.length <= 253 && HOST_NAME.test(name);
}

/** True when `port` lies in the scope's ports (a scope without ports allows every port). */
export function portAllowed(scope: NetworkScope, port: number): boolean {
  return scope.ports === undefined || (port >= scope.ports.from && port <= scope.ports.to);
}

/** True when a host name matches the scope's name pattern: exact, `*.domain` (any depth of subdomain), or `*`. */
export function nameMatches(scope: NetworkScope, name: string): boolean {
  if (scope.kind !== 'name' || scope.name === undefined) return false;
  const host = name.toLowerCase().replace(/\.$/, '');
  if (scope.name === '*') return true;
  if (scope.name.startsWith('*.')) return host.endsWith(scope.name.slice(1)) && host.length > scope.name.length - 1;
  return host === scope.name;
}

/** The compressed form of an IPv6 literal (WHATWG URL serialisation: `0:0:0:0:0:ffff:127.0.0.1` → `::ffff:7f00:1`). */
function compressedIPv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase(); // a zone id (`fe80::1%eth0`): kept as written
  }
}

/**
 * Normalises an IPv4-mapped IPv6 address, in any spelling (`::ffff:127.0.0.1`, `::ffff:7f00:1`,
 * `0:0:0:0:0:ffff:7f00:1`), to the IPv4 address it reaches, so a range cannot be side-stepped either way.
 */
export function canonicalAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  if (net.isIPv4(address)) return { address, family: 'ipv4' };
  if (!net.isIPv6(address)) return undefined;
  const compressed = compressedIPv6(address);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (mapped?.[1] !== undefined && mapped[2] !== undefined) {
    const high = parseInt(mapped[1], 16);
    const low = parseInt(mapped[2], 16);
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 'ipv4' };
  }
  return { address: compressed, family: 'ipv6' };
}

/** True when an IP address lies in the scope's network (kind `address`). */
export function addressMatches(scope: NetworkScope, address: string): boolean {
  if (scope.kind !== 'address' || scope.network === undefined) return false;
  const ip = canonicalAddress(address);
  if (ip === undefined || ip.family !== scope.network.family) return false;
  const list = new net.BlockList();
  list.addSubnet(scope.network.address, scope.network.prefix, scope.network.family);
  return list.check(ip.address, ip.family);
}

/** Addresses a host *name* grant never reaches: loopback, link-local (cloud metadata), unspecified, multicast. */
const SPECIAL = (() => {
  const list = new net.BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addSubnet('0.0.0.0', 8, 'ipv4');
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addSubnet('224.0.0.0', 4, 'ipv4');
  list.addAddress('255.255.255.255', 'ipv4');
  list.addAddress('::1', 'ipv6');
  list.addAddress('::', 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  list.addSubnet('ff00::', 8, 'ipv6');
  return list;
})();

/**
 * True for addresses only an address grant (an IP literal or CIDR) reaches, never a name grant: a name that
 * resolves to the host's loopback or to the cloud metadata address is refused (the name was granted, that address
 * was not).
 */
export function isSpecialAddress(address: string): boolean {
  const ip = canonicalAddress(address);
  return ip === undefined || SPECIAL.check(ip.address, ip.family);
}

/** True when the address is a loopback address (127.0.0.0/8 or ::1). */
export function isLoopback(address: string): boolean {
  const ip = canonicalAddress(address);
  if (ip === undefined) return false;
  return ip.family === 'ipv4' ? ip.address.startsWith('127.') : ip.address === '::1';
}

/**
 * True when `host` (an address, IPv6 in brackets or not, or the name `localhost`) is this machine's loopback. `localhost` is taken by name,
 * as the scope entries take it: it stands for the loopback addresses whatever a resolver says.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase() === 'localhost' || isLoopback(bare);
}

/**
 * The scope entries of a grant, parsed. `localhost` (with its port) stands for the loopback addresses, so a grant
 * of `localhost:5432` covers 127.0.0.1:5432 and [::1]:5432 and nothing a DNS server could point `localhost` at.
 */
export function parseNetworkScopes(entries: readonly string[]): NetworkScope[] {
  return entries.flatMap((entry) => {
    const scope = parseNetworkScope(entry);
    if (scope.kind === 'name' && scope.name === 'localhost') {
      const ports = scope.ports !== undefined ? { ports: scope.ports } : {};
      return [
        { text: entry, kind: 'address' as const, network: { address: '127.0.0.1', prefix: 32, family: 'ipv4' as const }, ...ports },
        { text: entry, kind: 'address' as const, network: { address: '::1', prefix: 128, family: 'ipv6' as const }, ...ports },
      ];
    }
    return [scope];
  });
}
