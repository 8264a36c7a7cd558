import type { SavedGrant } from '../config/host-config.js';
import { BerthFolderGrantError } from '@berth/sdk';
import { envNameMatches, filesystemScopes, type FilesystemScopes } from '../permissions/match.js';
import { berthFolderOverlap } from './berth-folders.js';
import type { ScopeVars } from '../permissions/scope-vars.js';
import type { AuditSink } from './child-reports.js';
import { proxyEnv, type EgressLaunch } from '../network/egress-launch.js';
import { bwrapArgs } from './bwrap-profile.js';
import { nodeFlags } from './node-flags.js';
import type { SandboxCode } from './paths.js';

/** Which process sandbox to use: bubblewrap around Node's permission model, or the permission model alone. */
export type SandboxMode = 'bwrap' | 'nobwrap';

/** Everything needed to build a plugin's command line. */
export interface LaunchRequest {
  readonly plugin: string;
  readonly pluginDir: string;
  readonly grants: readonly SavedGrant[];
  readonly vars: ScopeVars;
  readonly mode: SandboxMode;
  readonly code: SandboxCode;
  readonly nodePath: string;
  /** bubblewrap's path (mode `bwrap`). */
  readonly bwrapPath: string;
  /** prlimit's path, when available (address-space cap). */
  readonly prlimitPath?: string;
  /** Heap cap in MiB. */
  readonly heapMb: number;
  /** Address-space cap in MiB (`prlimit --as`). */
  readonly addressSpaceMb: number;
  /**
   * Berth's own folders (see `berthFolders`): hidden under bubblewrap; without it a filesystem grant reaching one
   * refuses the start (`BerthFolderGrantError`).
   */
  readonly berthFolders: readonly string[];
  /** Where a refused start is audited. */
  readonly audit?: AuditSink;
  /** The host's environment, to pick the granted variables from (never passed whole). */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  /** Variables the host itself sets for the plugin (its settings, its Docker policy socket), always passed. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * Mode `bwrap` with a scoped `network` grant: the plugin's egress proxy. The plugin then runs in an empty network
   * namespace behind the in-namespace relay, its only way out being the proxy.
   */
  readonly egress?: EgressLaunch;
  /** `code.childEntry` is another program (an `mcp` plugin's server), not Berth's child entry. */
  readonly foreignEntry?: boolean;
}

/** A command line ready for `spawn`. */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  /** The whole environment of the spawned process. */
  readonly env: Readonly<Record<string, string>>;
}

/** Host variables never passed to a plugin, even with an unscoped `env` grant. */
const NEVER_PASSED = /^(BERTH_|NODE_OPTIONS$|NODE_CHANNEL|NODE_UNIQUE_ID$|NODE_EXTRA_CA_CERTS$)/;

/**
 * The environment a plugin gets: only the variables its `env` grant names (an unscoped `env` grant: every
 * variable except Berth's own and Node's control variables). Nothing else — not PATH, not HOME.
 */
export function pluginEnv(grants: readonly SavedGrant[], hostEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const envGrants = grants.filter((g) => g.permission === 'env');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(hostEnv)) {
    if (value === undefined || NEVER_PASSED.test(name)) continue;
    if (envGrants.some((g) => g.scope === undefined || g.scope.some((s) => envNameMatches(s, name)))) env[name] = value;
  }
  return env;
}

const holds = (grants: readonly SavedGrant[], permission: string): boolean => grants.some((g) => g.permission === permission);

/**
 * The hosts a `network` grant is scoped to, or `undefined` when the plugin holds no network grant or an unscoped
 * one (the whole network).
 */
export function networkHosts(grants: readonly SavedGrant[]): string[] | undefined {
  const network = grants.filter((g) => g.permission === 'network');
  if (network.length === 0 || network.some((g) => g.scope === undefined)) return undefined;
  return [...new Set(network.flatMap((g) => g.scope ?? []))];
}

/**
 * A `process.spawn` grant scoped to programs (`{"permission": "process.spawn", "programs": ["/usr/bin/chromium"]}`):
 * the guard lets the plugin start those only. Unscoped (or not granted): nothing to pass.
 */
function spawnScope(grants: readonly SavedGrant[]): Record<string, string> {
  const spawn = grants.filter((g) => g.permission === 'process.spawn');
  if (spawn.length === 0 || spawn.some((g) => g.scope === undefined)) return {};
  return { BERTH_ALLOWED_PROGRAMS: JSON.stringify([...new Set(spawn.flatMap((g) => g.scope ?? []))]) };
}

/**
 * Node's permission model cannot take a folder back out of a granted one: without bubblewrap, a granted path that
 * reaches one of Berth's folders (other than the plugin's own data folder and tree) refuses the start.
 */
function refuseBerthFolderGrants(request: LaunchRequest, scopes: FilesystemScopes): void {
  for (const [permission, paths] of [['filesystem.write', scopes.write], ['filesystem.read', scopes.read]] as const) {
    for (const granted of paths) {
      const overlap = berthFolderOverlap(granted, request.berthFolders, request.vars);
      if (overlap === undefined) continue;
      request.audit?.({ plugin: request.plugin, permission, target: overlap.folder, allowed: false, source: 'sandbox', detail: `not started: the grant of ${granted} covers Berth's own folder (no bubblewrap to hide it)` });
      throw new BerthFolderGrantError(request.plugin, permission, overlap.granted, overlap.folder);
    }
  }
}

/** Builds the command line of a sandboxed plugin: `[prlimit --as] [bwrap …] node <permission flags> <child entry>`. */
export function buildLaunch(request: LaunchRequest): Launch {
  const granted = filesystemScopes(request.plugin, request.grants, request.vars);
  // A program the plugin may start, it may also look at (a driver checks the browser's file exists first).
  const programs = request.grants.filter((g) => g.permission === 'process.spawn').flatMap((g) => g.scope ?? []);
  const fs = programs.length === 0 ? granted : { ...granted, read: [...new Set([...granted.read, ...programs])] };
  if (request.mode !== 'bwrap') refuseBerthFolderGrants(request, fs);
  const network = holds(request.grants, 'network');
  const hosts = networkHosts(request.grants);
  const egress = request.mode === 'bwrap' && hosts !== undefined ? request.egress : undefined;
  // The relay (≈ 44 MB, one more process) serves programs other than the plugin's own Node process, which reaches
  // the proxy through its preload: only a plugin that may spawn programs gets it (and the proxy variables).
  const relayed = egress !== undefined && holds(request.grants, 'process.spawn');
  const env = {
    ...pluginEnv(request.grants, request.hostEnv),
    ...request.extraEnv,
    ...(hosts !== undefined ? { BERTH_ALLOWED_HOSTS: JSON.stringify(hosts) } : {}),
    ...(egress !== undefined ? (relayed ? proxyEnv(egress.relay) : { BERTH_EGRESS_SOCKET: egress.relay.socket }) : {}),
    // No network grant under bubblewrap: an empty network namespace, whose loopback only the sandbox reaches. A
    // plugin that starts programs (a browser and its debugging port) may use it; without process.spawn nothing
    // else listens there, and the guard keeps refusing (and auditing) every network call.
    ...(request.mode === 'bwrap' && !network && holds(request.grants, 'process.spawn') ? { BERTH_PRIVATE_NETWORK: '1' } : {}),
    ...spawnScope(request.grants),
  };
  const node = [
    request.nodePath,
    ...nodeFlags(
      {
        fs,
        // A host-scoped grant keeps the network guard, which then lets through the granted hosts only.
        network: network && hosts === undefined,
        spawn: holds(request.grants, 'process.spawn'),
        workers: holds(request.grants, 'worker.threads'),
        addons: holds(request.grants, 'native.addons'),
        heapMb: request.heapMb,
        berthEntry: request.foreignEntry !== true,
      },
      request.code,
    ),
  ];
  // Scoped grants under bubblewrap: an empty network namespace, the relay first, the proxy as the only way out.
  const relay = egress !== undefined && relayed ? [request.nodePath, '--max-old-space-size=32', egress.relayEntry, JSON.stringify(egress.relay)] : [];
  const sandboxed =
    request.mode === 'bwrap'
      ? [
          request.bwrapPath,
          ...bwrapArgs(
            {
              pluginDir: request.pluginDir,
              pluginData: request.vars.pluginData,
              fs,
              network: network && egress === undefined,
              nodePath: request.nodePath,
              berthFolders: request.berthFolders,
              ...(egress !== undefined ? { egressSocket: { host: egress.hostSocket, inside: egress.relay.socket } } : {}),
            },
            request.code,
          ),
          ...relay,
          ...node,
        ]
      : node;
  // Programs a plugin starts inherit the address-space cap, and a browser reserves far more address space than it
  // uses (Chromium dies with SIGTRAP under 64 GiB): with process.spawn the cap is left off (the heap cap stays).
  const capped = request.prlimitPath !== undefined && !holds(request.grants, 'process.spawn');
  const limited = capped ? [request.prlimitPath as string, `--as=${request.addressSpaceMb * 1024 * 1024}`, '--', ...sandboxed] : sandboxed;
  const [command, ...args] = limited as [string, ...string[]];
  return { command, args, env };
}
