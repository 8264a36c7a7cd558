import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxCode } from '../sandbox/paths.js';
import { listenEgressProxy, type EgressEvent, type EgressProxy } from './egress-proxy.js';
import type { Resolve } from './policy.js';
import type { RelayConfig } from './relay/config.js';
import { isLoopback, networkScopeProblem, parseNetworkScopes } from './scope.js';
import { GrantInvalidError } from '@berth/sdk';

/** Where the egress proxy's socket appears inside the namespace. */
export const EGRESS_SOCKET_IN_SANDBOX = '/run/berth/egress.sock';

/** The built relay (`dist/network/relay/main.js`; like the child entry, always the built JavaScript). */
export function relayEntry(): string {
  return path.join(sandboxCode().hostDir, 'dist', 'network', 'relay', 'main.js');
}

/** Loopback port ranges wider than this are reachable through the proxy variables only, not offered one by one. */
const MAX_OFFERED_PORTS = 64;

/** What `buildLaunch` needs to put a plugin behind its egress proxy. */
export interface EgressLaunch {
  /** The proxy's socket on the host (bound to {@link EGRESS_SOCKET_IN_SANDBOX}). */
  readonly hostSocket: string;
  /** The relay's configuration. */
  readonly relay: RelayConfig;
  /** The relay's script. */
  readonly relayEntry: string;
}

/** Variables pointing well-behaved clients at the relay's proxy port (both spellings: programs differ). */
export function proxyEnv(relay: RelayConfig): Record<string, string> {
  const http = `http://127.0.0.1:${relay.proxyPort}`;
  const socks = `socks5h://127.0.0.1:${relay.proxyPort}`;
  return {
    HTTP_PROXY: http, HTTPS_PROXY: http, http_proxy: http, https_proxy: http, ALL_PROXY: socks, all_proxy: socks,
    BERTH_EGRESS_SOCKET: relay.socket,
  };
}

/**
 * The granted loopback endpoints to offer inside the namespace as the same address: address entries naming one
 * loopback address (`127.0.0.1:5432`, `[::1]:6379`, `localhost:5432`) with a port or a short range.
 */
export function offeredForwards(scopes: readonly string[]): RelayConfig['forwards'] {
  const forwards = new Map<string, { host: string; port: number }>();
  for (const scope of parseNetworkScopes(scopes)) {
    const network = scope.network;
    if (scope.kind !== 'address' || network === undefined || scope.ports === undefined) continue;
    if (network.prefix !== (network.family === 'ipv4' ? 32 : 128) || !isLoopback(network.address)) continue;
    if (scope.ports.to - scope.ports.from + 1 > MAX_OFFERED_PORTS) continue;
    for (let port = scope.ports.from; port <= scope.ports.to; port++) forwards.set(`${network.address} ${port}`, { host: network.address, port });
  }
  return [...forwards.values()];
}

/** A namespace-loopback port for the proxy variables that no offered endpoint uses. */
function proxyPortAvoiding(forwards: RelayConfig['forwards']): number {
  let port = 3128;
  while (forwards.some((f) => f.port === port)) port++;
  return port;
}

/** A plugin's running egress proxy and how to launch the plugin behind it. */
export interface PluginEgress {
  /** For `buildLaunch`. */
  readonly launch: EgressLaunch;
  /** The proxy. */
  readonly proxy: EgressProxy;
  /** Stops the proxy and removes its folder. */
  close(): Promise<void>;
}

/**
 * Starts a plugin's egress proxy in a private folder (0700, short path: UNIX socket paths are limited to 108
 * bytes) and describes the relay that offers it inside the namespace.
 */
export function startPluginEgress(plugin: string, scopes: readonly string[], onDecision: (event: EgressEvent) => void, resolve?: Resolve): PluginEgress {
  for (const entry of scopes) {
    const problem = networkScopeProblem(entry);
    if (problem !== undefined) throw new GrantInvalidError(plugin, 'network', problem);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-egress-'));
  const hostSocket = path.join(dir, 'egress.sock');
  const proxy = listenEgressProxy({ plugin, socketPath: hostSocket, scopes, onDecision, ...(resolve !== undefined ? { resolve } : {}) });
  const forwards = offeredForwards(scopes);
  return {
    launch: { hostSocket, relayEntry: relayEntry(), relay: { socket: EGRESS_SOCKET_IN_SANDBOX, proxyPort: proxyPortAvoiding(forwards), forwards } },
    proxy,
    close: async () => {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
