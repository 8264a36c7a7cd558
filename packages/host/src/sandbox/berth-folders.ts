import fs from 'node:fs';
import path from 'node:path';
import { berthPaths, type BerthPaths } from '../config/paths.js';
import { controlSocketDir } from '../control/socket/socket-path.js';
import { isWithin, type ScopeVars } from '../permissions/scope-vars.js';

/**
 * Berth's own folders, which no plugin may reach through a filesystem grant on a parent folder: the configuration
 * folder and the folder of the configuration file (config.json, secrets.json, its lock and plugins.lock.json), the
 * data folder (every plugin's data, the installed plugins, the audit log) and the control socket's folder (the
 * socket and its token). A plugin that could write there would grant itself anything at the next start.
 */
export function berthFolders(paths: Pick<BerthPaths, 'configDir' | 'configFile' | 'dataDir'> = berthPaths(), env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const folders = [paths.configDir, path.dirname(paths.configFile), paths.dataDir, controlSocketDir(env)];
  return [...new Set(folders.flatMap((f) => withRealPath(path.resolve(f))))];
}

/** The path, and its real path when it differs (a grant may name either). */
function withRealPath(p: string): string[] {
  try {
    const real = fs.realpathSync(p);
    return real === p ? [p] : [p, real];
  } catch {
    return [p];
  }
}

/**
 * Creates Berth's folders that do not exist yet (0700), so a plugin granted a parent can never create one first
 * (a `config.json` of its own making) and so bubblewrap has a mount point to hide.
 */
export function ensureBerthFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    } catch {
      // Not creatable (a read-only parent): then a plugin cannot create it either.
    }
  }
}

/** True when `p` is the plugin's own data folder or installed tree, or lies beneath one: always its own. */
export function isOwnFolder(p: string, vars: Pick<ScopeVars, 'pluginDir' | 'pluginData'>): boolean {
  return isWithin(vars.pluginData, p) || isWithin(vars.pluginDir, p);
}

/** A granted path that reaches a Berth folder: it contains the folder, is it, or lies inside it. */
export interface BerthFolderOverlap {
  /** The granted path. */
  readonly granted: string;
  /** The Berth folder it reaches. */
  readonly folder: string;
}

/**
 * The first Berth folder `granted` reaches (a parent of it, the folder itself, or a path inside it that is not the
 * plugin's own), or undefined. Paths within the plugin's own data folder or installed tree are never an overlap.
 */
export function berthFolderOverlap(granted: string, folders: readonly string[], vars: Pick<ScopeVars, 'pluginDir' | 'pluginData'>): BerthFolderOverlap | undefined {
  if (isOwnFolder(granted, vars)) return undefined;
  const candidates = withRealPath(granted);
  for (const folder of folders) {
    if (candidates.some((g) => isWithin(g, folder) || isWithin(folder, g))) return { granted, folder };
  }
  return undefined;
}
