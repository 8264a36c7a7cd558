import dns from 'node:dns/promises';
import net from 'node:net';
import { addressMatches, canonicalAddress, isHostName, isSpecialAddress, nameMatches, parseNetworkScopes, portAllowed, type NetworkScope } from './scope.js';

/** Resolves a host name to its addresses (default: the host's resolver, `dns.lookup` with `all`). */
export type Resolve = (name: string) => Promise<readonly string[]>;

/** The default resolver: what the host's own programs would get (`getaddrinfo`). */
export const systemResolve: Resolve = async (name) => (await dns.lookup(name, { all: true, verbatim: true })).map((a) => a.address);

/** What the policy decided about one connection. */
export interface EgressDecision {
  /** Whether the connection may be made. */
  readonly allowed: boolean;
  /** The address to connect to (allowed only): pinned, never looked up again. */
  readonly address?: string;
  /** The scope entry that allowed it. */
  readonly scope?: string;
  /** Why, in a sentence. */
  readonly reason: string;
}

/**
 * A plugin's network allow-list: the entries of its `network` grants. A target given as an address is allowed when
 * an address entry (IP literal, CIDR) covers it and its port. A target given as a name is resolved here, by the
 * host, and one of its addresses is chosen: an address an address entry covers, or — when a name entry matches the
 * name and port — any address that is not loopback, link-local, unspecified or multicast. The connection then goes
 * to that address: the name cannot be re-pointed after the check.
 */
export class EgressPolicy {
  /** The parsed entries. */
  readonly scopes: readonly NetworkScope[];
  readonly #resolve: Resolve;

  /** @param entries - the grant's scope entries; @param resolve - name resolution (default: the system's) */
  constructor(entries: readonly string[], resolve: Resolve = systemResolve) {
    this.scopes = parseNetworkScopes(entries);
    this.#resolve = resolve;
  }

  /** The address entry covering `address:port`, if any. */
  addressScope(address: string, port: number): NetworkScope | undefined {
    return this.scopes.find((s) => s.kind === 'address' && portAllowed(s, port) && addressMatches(s, address));
  }

  /** The name entry matching `name:port`, if any. */
  nameScope(name: string, port: number): NetworkScope | undefined {
    return this.scopes.find((s) => s.kind === 'name' && portAllowed(s, port) && nameMatches(s, name));
  }

  /** Decides about a connection to `host:port` (host: a name or an IP literal, IPv6 without brackets). */
  async decide(target: string, port: number): Promise<EgressDecision> {
    const host = target.toLowerCase().replace(/\.$/, '');
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { allowed: false, reason: `port ${String(port)} is not a TCP port` };
    const literal = canonicalAddress(host.replace(/^\[|\]$/g, ''));
    if (literal !== undefined || net.isIP(host) !== 0) {
      const address = literal?.address ?? host;
      const scope = this.addressScope(address, port);
      return scope !== undefined
        ? { allowed: true, address, scope: scope.text, reason: `granted by '${scope.text}'` }
        : { allowed: false, reason: `no entry of the grant covers ${address}:${port}` };
    }
    if (!isHostName(host)) return { allowed: false, reason: `${JSON.stringify(host)} is not a host name` };
    const named = this.nameScope(host, port);
    // Only names the grant mentions are looked up (a query carries data too); `localhost` stands for loopback.
    const mayResolve = named !== undefined || host.toLowerCase() === 'localhost';
    if (!mayResolve) return { allowed: false, reason: `no entry of the grant names ${host}:${port}` };
    let addresses: readonly string[];
    try {
      addresses = await this.#resolve(host);
    } catch (error) {
      return { allowed: false, reason: `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    for (const raw of addresses) {
      const address = canonicalAddress(raw)?.address ?? raw;
      const scope = this.addressScope(address, port);
      if (scope !== undefined) return { allowed: true, address, scope: scope.text, reason: `${host} resolved to ${address}, granted by '${scope.text}'` };
      if (named !== undefined && !isSpecialAddress(address)) {
        return { allowed: true, address, scope: named.text, reason: `${host} resolved to ${address}, granted by '${named.text}'` };
      }
    }
    return {
      allowed: false,
      reason: `${host} resolved to ${addresses.join(', ') || 'nothing'}, which the grant does not cover (a name entry never reaches loopback, link-local, unspecified or multicast addresses; grant the address itself)`,
    };
  }
}
