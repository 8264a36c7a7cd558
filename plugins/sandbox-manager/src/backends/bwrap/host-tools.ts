import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs the bubblewrap backend runs. */
export interface HostTools {
  readonly bwrap: string;
  readonly prlimit: string;
  /** True when the plugin may switch users (root with CAP_SETUID): each sandbox then gets a host user of its own. */
  readonly ownUsers: boolean;
}

/** True when `path` is an executable (under Node's permission model, where stat is denied, by running it). */
function executable(path: string, probeArgs: readonly string[]): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_ACCESS_DENIED') return false;
    return spawnSync(path, probeArgs, { stdio: 'ignore', timeout: 5000 }).error === undefined;
  }
}

/** The first executable called `name` on PATH (plus the usual system folders). */
export function which(name: string, probeArgs: readonly string[] = ['--version']): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of new Set(dirs)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (executable(candidate, probeArgs)) return candidate;
  }
  return undefined;
}

/** True when a child can be started as another user here (root that kept CAP_SETUID, not inside a sandbox). */
function canSwitchUsers(probe: string): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync(probe, ['--version'], { stdio: 'ignore', timeout: 5000, uid: 65534, gid: 65534 }).status === 0;
}

let found: HostTools | { readonly missing: string[] } | undefined;

/** The tools found (looked for once per process), or what is missing. */
export function findHostTools(): HostTools | { readonly missing: string[] } {
  if (found !== undefined) return found;
  const bwrap = which('bwrap');
  const prlimit = which('prlimit');
  const missing = [...(bwrap === undefined ? ['bwrap (Debian: bubblewrap)'] : []), ...(prlimit === undefined ? ['prlimit (Debian: util-linux)'] : [])];
  if (bwrap === undefined || prlimit === undefined) return (found = { missing });
  found = { bwrap, prlimit, ownUsers: canSwitchUsers(prlimit) };
  return found;
}
