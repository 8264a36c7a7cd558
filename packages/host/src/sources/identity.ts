import { realpathSync } from 'node:fs';
import type { RootKind } from '../discovery/roots.js';
import { installIdentity, type LockEntry, type LockFile } from './lock-file.js';

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** The lock file entry whose plugin folder is `dir` (compared by real path), if Berth installed it. */
export function lockEntryFor(lock: LockFile, dir: string): LockEntry | undefined {
  const target = real(dir);
  return Object.values(lock.plugins).find((entry) => entry.pluginDir === target);
}

/**
 * The install identity of the plugin in `dir`, which its saved grants are bound to: `<source>#<integrity>` for a
 * plugin Berth installed from a package (npm, tarball, folder), `folder:<real path>` for any other plugin folder;
 * none for core plugins (shipped with Berth, approved by the default configuration).
 */
export function identityFor(dir: string, root: RootKind, lock: LockFile): string | undefined {
  if (root === 'core') return undefined;
  const entry = lockEntryFor(lock, dir);
  return entry !== undefined ? installIdentity(entry) : `folder:${real(dir)}`;
}
