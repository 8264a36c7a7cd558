import type { Verdict } from './corpus-runner.js';

type Expected = Verdict | readonly Verdict[];

/** An attack's expected outcome per mode, and the permission of the audit record that must show it. */
export interface Expectation {
  readonly bwrap: Expected;
  readonly nobwrap: Expected;
  /** The `permission` of the denied audit record it must leave (one of these). */
  readonly audit: readonly string[];
}

/** The same outcome in both sandbox modes, audited under one of `audit`. */
const both = (v: Expected, ...audit: string[]): Expectation => ({ bwrap: v, nobwrap: v, audit });

/**
 * What each attack must come to, per sandbox mode — measured by this corpus and reported in docs/security.md.
 * `denied`: the attempt failed with an error (Node's permission model, the preloaded guards, the host's gate or
 * RPC checks); `contained`: the plugin was killed or marked (watchdog, memory cap, oversized message, crash loop)
 * and the host carried on; `refused`: the plugin was not started; `escaped`: the attack worked.
 * Where two outcomes are listed, which one wins is a race (e.g. the address-space cap failing an allocation vs.
 * the watchdog killing a process that stalls while allocating).
 */
export const EXPECTED: Readonly<Record<string, Expectation>> = {
  'fs-read-absolute': both('denied', 'filesystem.read'),
  'fs-read-relative': both('denied', 'filesystem.read'),
  'fs-read-dotdot': both('denied', 'filesystem.read'),
  'fs-read-proc-root': both('denied', 'filesystem.read'),
  'fs-read-file-url': both('denied', 'filesystem.read'),
  'fs-read-shadow': both('denied', 'filesystem.read'),
  'fs-read-symlink': both('refused', 'filesystem.read'),
  'dependency-path-escape': both('denied', 'filesystem.read'),
  'fs-list-home': both('denied', 'filesystem.read'),
  'fs-read-host-environ': both('denied', 'filesystem.read'),
  'fs-write-outside': both('denied', 'filesystem.write'),
  'fs-write-own-code': both('denied', 'filesystem.write'),
  'fs-symlink-create': both('denied', 'filesystem.read', 'filesystem.write'),
  'process-spawn': both('denied', 'process.spawn'),
  'process-spawn-scoped': both('denied', 'process.spawn'),
  'process-spawn-scoped-lookup': both('denied', 'process.spawn'),
  'fork-bomb': both('denied', 'process.spawn'),
  'worker-thread': both('denied', 'worker.threads'),
  'native-addon': both('denied', 'native.addons'),
  'inspector-open': both('denied', 'inspector'),
  'process-binding': both('denied', 'restricted-api'),
  'net-connect': both('denied', 'network'),
  'net-raw-socket': both('denied', 'network'),
  'net-esm-named-import': both('denied', 'network'),
  'http-request': both('denied', 'network'),
  'http-agent': both('denied', 'network'),
  fetch: both('denied', 'network'),
  'tls-connect': both('denied', 'network'),
  'dns-lookup': both('denied', 'network'),
  'dns-resolver': both('denied', 'network'),
  'dgram-send': both('denied', 'network'),
  'listen-server': both('denied', 'network'),
  'listen-internal': both('denied', 'network'),
  'docker-socket': both('denied', 'network'),
  'docker-socket-net': both('denied', 'network'),
  'socket-getter-toctou': both('denied', 'network'),
  'env-undeclared': both('denied', 'env'),
  'env-scoped': both('denied', 'env'),
  'signal-sigusr1-host': both('denied', 'signal'),
  'signal-sigkill-host': both('denied', 'signal'),
  'signal-raw-kill': both('denied', 'signal'),
  'signal-ppid': both('denied', 'signal'),
  'signal-valueof-toctou': both('denied', 'signal'),
  'signal-number-poison': both('denied', 'signal'),
  'service-not-granted': both('denied', 'docker.access'),
  'service-forged-ref': both('denied', 'docker.access'),
  'hook-without-permission': both('denied', 'hooks.tools'),
  'rpc-forged-method': both('denied', 'rpc'),
  'rpc-invalid-params': both('denied', 'rpc'),
  'rpc-oversized': both('contained', 'rpc', 'sandbox'),
  'rpc-proto-pollution': both('denied', 'rpc'),
  'memory-bomb': both('contained', 'sandbox'),
  'buffer-bomb': both(['denied', 'contained'], 'memory', 'sandbox'),
  'infinite-loop': both('contained', 'sandbox'),
  'infinite-loop-init': both('contained', 'sandbox'),
  'crash-loop': both('contained', 'sandbox'),
  // What only bubblewrap's namespaces stop: without them the plugin sees the host's interfaces and process ids.
  'info-network-interfaces': { bwrap: 'denied', nobwrap: 'escaped', audit: ['namespace'] },
  'info-host-pid': { bwrap: 'denied', nobwrap: 'escaped', audit: ['namespace'] },
};
