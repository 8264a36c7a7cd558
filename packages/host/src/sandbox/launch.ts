import type { SavedGrant } from '../config/host-config.js';
import { envNameMatches, filesystemScopes } from '../permissions/match.js';
import type { ScopeVars } from '../permissions/scope-vars.js';
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
  /** The host's environment, to pick the granted variables from (never passed whole). */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  /** Variables the host itself sets for the plugin (its settings, its Docker policy socket), always passed. */
  readonly extraEnv?: Readonly<Record<string, string>>;
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
 * The programs a `process.spawn` grant is scoped to, or `undefined` when the plugin holds no spawn grant or an
 * unscoped one (any program).
 */
export function spawnPrograms(grants: readonly SavedGrant[]): string[] | undefined {
  const spawn = grants.filter((g) => g.permission === 'process.spawn');
  if (spawn.length === 0 || spawn.some((g) => g.scope === undefined)) return undefined;
  return [...new Set(spawn.flatMap((g) => g.scope ?? []))];
}

/** Builds the command line of a sandboxed plugin: `[prlimit --as] [bwrap …] node <permission flags> <child entry>`. */
export function buildLaunch(request: LaunchRequest): Launch {
  const fs = filesystemScopes(request.plugin, request.grants, request.vars);
  const network = holds(request.grants, 'network');
  const hosts = networkHosts(request.grants);
  const programs = spawnPrograms(request.grants);
  const env = {
    ...pluginEnv(request.grants, request.hostEnv),
    ...request.extraEnv,
    ...(hosts !== undefined ? { BERTH_ALLOWED_HOSTS: JSON.stringify(hosts) } : {}),
    ...(programs !== undefined ? { BERTH_ALLOWED_PROGRAMS: JSON.stringify(programs) } : {}),
  };
  const node = [
    request.nodePath,
    ...nodeFlags(
      {
        fs,
        // A host-scoped grant keeps the network guard, which then lets through the granted hosts only.
        network: network && hosts === undefined,
        spawn: holds(request.grants, 'process.spawn'),
        spawnScoped: programs !== undefined,
        workers: holds(request.grants, 'worker.threads'),
        addons: holds(request.grants, 'native.addons'),
        heapMb: request.heapMb,
      },
      request.code,
    ),
  ];
  const sandboxed =
    request.mode === 'bwrap'
      ? [request.bwrapPath, ...bwrapArgs({ pluginDir: request.pluginDir, fs, network, nodePath: request.nodePath }, request.code), ...node]
      : node;
  const limited =
    request.prlimitPath !== undefined ? [request.prlimitPath, `--as=${request.addressSpaceMb * 1024 * 1024}`, '--', ...sandboxed] : sandboxed;
  const [command, ...args] = limited as [string, ...string[]];
  return { command, args, env };
}
