import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { permissionFlag } from './node-flags.js';
import type { SandboxMode } from './launch.js';

/** What the process sandbox can use on this machine. */
export interface SandboxReport {
  /** bubblewrap: its path, and whether it can create the namespaces (it may exist but be forbidden). */
  readonly bwrap: { readonly path?: string; readonly usable: boolean; readonly problem?: string };
  /** prlimit's path (the address-space cap), when present. */
  readonly prlimit?: string;
  /** The Node permission flag in use. */
  readonly permissionFlag: string;
  /** The mode plugins run in by default here (`BERTH_SANDBOX` overrides). */
  readonly mode: SandboxMode;
  /** What is not protected in that mode, one sentence each (empty with bubblewrap). */
  readonly gaps: readonly string[];
  /**
   * OS-level enforcement of scoped `network` grants (an empty network namespace per plugin behind its egress
   * proxy): available with bubblewrap only; without it scoped grants fall back to the in-process guard, or plugins
   * holding them are refused when `required` (`BERTH_REQUIRE_NETWORK_ENFORCEMENT=1`).
   */
  readonly networkEnforcement: { readonly available: boolean; readonly required: boolean; readonly problem?: string };
}

const SEARCH = ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin'];

/** Finds an executable in the usual system folders. */
export function findTool(name: string): string | undefined {
  return SEARCH.map((dir) => `${dir}/${name}`).find((p) => fs.existsSync(p));
}

let bwrapCache: SandboxReport['bwrap'] | undefined;

/** Whether bubblewrap is present and can set up the namespaces the profile needs (checked once). */
export function probeBwrap(): SandboxReport['bwrap'] {
  if (bwrapCache !== undefined) return bwrapCache;
  const path = findTool('bwrap');
  if (path === undefined) return (bwrapCache = { usable: false, problem: 'bubblewrap (bwrap) is not installed' });
  const probe = spawnSync(path, ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', '--', 'true'], { timeout: 5000, encoding: 'utf8' });
  bwrapCache =
    probe.status === 0 ? { path, usable: true } : { path, usable: false, problem: (probe.stderr || `exit ${String(probe.status)}`).trim() };
  return bwrapCache;
}

/** The NO-bubblewrap gaps, as measured by the hostile corpus (see docs/security.md). */
export const NOBWRAP_GAPS: readonly string[] = [
  'network is only blocked by an in-process guard (a seat belt, not a wall)',
  'scoped network grants (host:port) are not enforced at the OS level: no egress proxy without bubblewrap, the in-process guard only',
  'the plugin sees the real filesystem layout and process list (no mount or PID namespace)',
  'signals to other processes are only blocked by an in-process guard',
];

/** The mode asked for by `BERTH_SANDBOX` (`bwrap` | `nobwrap`), else bubblewrap when usable. */
export function defaultSandboxMode(env: Readonly<Record<string, string | undefined>> = process.env): SandboxMode {
  const asked = env['BERTH_SANDBOX'];
  if (asked === 'bwrap' || asked === 'nobwrap') return asked;
  return probeBwrap().usable ? 'bwrap' : 'nobwrap';
}

/** Whether the host refuses plugins whose scoped network grant only the guard could enforce (`BERTH_REQUIRE_NETWORK_ENFORCEMENT=1`). */
export function requireNetworkEnforcement(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env['BERTH_REQUIRE_NETWORK_ENFORCEMENT'];
  return value === '1' || value === 'true';
}

/** Which protections are available here: for `berth doctor` and the `berth serve` start-up warning. */
export function sandboxDoctor(env: Readonly<Record<string, string | undefined>> = process.env): SandboxReport {
  const mode = defaultSandboxMode(env);
  const prlimit = findTool('prlimit');
  return {
    bwrap: probeBwrap(),
    ...(prlimit !== undefined ? { prlimit } : {}),
    permissionFlag: permissionFlag(),
    mode,
    gaps: [...(mode === 'nobwrap' ? NOBWRAP_GAPS : []), ...(prlimit === undefined ? ['no address-space cap (prlimit missing): Buffers outside the heap are not capped'] : [])],
    networkEnforcement: {
      available: mode === 'bwrap',
      required: requireNetworkEnforcement(env),
      ...(mode !== 'bwrap' ? { problem: probeBwrap().problem ?? 'BERTH_SANDBOX=nobwrap' } : {}),
    },
  };
}
