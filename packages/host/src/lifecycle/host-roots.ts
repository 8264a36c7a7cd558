import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConfigStore } from '../config/store.js';
import { defaultDiscoveryRoots, PROJECT_PLUGINS_DIR, type DiscoveryRoot } from '../discovery/roots.js';
import { lockFilePath, readLockFile, type LockFile } from '../sources/lock-file.js';

/** Where a host looks for plugins besides its configuration's own `pluginDirs` (the host options' fields). */
export interface HostRootOptions {
  /** The working directory (the project root). Default: `process.cwd()`. */
  readonly cwd?: string;
  /** The core plugins' folder. */
  readonly coreDir?: string;
  /** The user's plugin folder. Default: `<dataDir>/plugins`. */
  readonly userDir?: string;
  /** Extra plugin roots (after the configuration's `pluginDirs`). */
  readonly extraDirs?: readonly string[];
}

/**
 * The plugin roots of a host, in precedence order: the project's only when the user trusts it (`warn` is told of an
 * untrusted project's plugin folder), the user's, the core, the configuration's `pluginDirs`, the extra ones.
 */
export function hostRoots(
  options: HostRootOptions,
  config: ConfigStore,
  configDirs: readonly string[],
  warn: (message: string) => void,
): DiscoveryRoot[] {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const trusted = (config.read().trustedProjects ?? []).some((dir) => path.resolve(dir) === cwd);
  if (!trusted && existsSync(path.join(cwd, PROJECT_PLUGINS_DIR))) {
    warn(`ignoring ${path.join(cwd, PROJECT_PLUGINS_DIR)}: this folder is not trusted (run: berth config trust ${cwd})`);
  }
  return defaultDiscoveryRoots({
    includeProject: trusted,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    userDir: options.userDir ?? path.join(config.paths.dataDir, 'plugins'),
    ...(options.coreDir !== undefined ? { coreDir: options.coreDir } : {}),
    extraDirs: [...configDirs, ...(options.extraDirs ?? [])],
  });
}

/** The lock file of installed plugins; a corrupt one counts as empty (its message joins `warnings`). */
export function readLockOrEmpty(config: ConfigStore, warnings: string[]): LockFile {
  try {
    return readLockFile(lockFilePath(config.paths));
  } catch (error) {
    warnings.push((error as Error).message);
    return { lockfileVersion: 1, plugins: {} };
  }
}
