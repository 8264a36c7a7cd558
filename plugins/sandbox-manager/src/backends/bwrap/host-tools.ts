import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs the bubblewrap backend runs. */
export interface HostTools {
  readonly bwrap: string;
  readonly prlimit: string;
  /** util-linux's setpriv: kills a sandbox's commands when the plugin dies (`--pdeathsig`). */
  readonly setpriv?: string;
  /** True when the plugin runs as root with setpriv: each sandbox then gets a user of its own on the host. */
  readonly ownUsers: boolean;
}

/** The first executable called `name` on PATH (plus the usual system folders). */
export function which(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

/** The tools found, or what is missing. */
export function findHostTools(): HostTools | { readonly missing: string[] } {
  const bwrap = which('bwrap');
  const prlimit = which('prlimit');
  const missing = [...(bwrap === undefined ? ['bwrap (Debian: bubblewrap)'] : []), ...(prlimit === undefined ? ['prlimit (Debian: util-linux)'] : [])];
  if (bwrap === undefined || prlimit === undefined) return { missing };
  const setpriv = which('setpriv');
  return { bwrap, prlimit, ownUsers: setpriv !== undefined && process.getuid?.() === 0, ...(setpriv !== undefined ? { setpriv } : {}) };
}
