import path from 'node:path';
import envPaths from 'env-paths';

/** Where a plugin root comes from; also its precedence level (see {@link ROOT_PRECEDENCE}). */
export type RootKind = 'project' | 'user' | 'core' | 'extra';

/** A folder whose direct children (and `@scope/*` grandchildren) are plugin folders. */
export interface DiscoveryRoot {
  /** Which root this is: decides its precedence. */
  readonly kind: RootKind;
  /** The folder (absolute). */
  readonly dir: string;
}

/** Precedence of each root kind: a lower number wins. Roots of one kind share a level. */
export const ROOT_PRECEDENCE: Readonly<Record<RootKind, number>> = { project: 0, user: 1, core: 2, extra: 3 };

/** The project root, relative to the working directory. */
export const PROJECT_PLUGINS_DIR = path.join('.berth', 'plugins');

/** The user root: `plugins` under the user's data directory (e.g. `~/.local/share/berth/plugins` on Linux). */
export function userPluginsDir(): string {
  return path.join(envPaths('berth', { suffix: '' }).data, 'plugins');
}

/** Inputs of {@link defaultDiscoveryRoots}. */
export interface DefaultRootsOptions {
  /** The working directory the project root is under; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** The user root; defaults to {@link userPluginsDir}. */
  readonly userDir?: string;
  /** The core plugins shipped with Berth (the repository's `plugins/` folder), when known. */
  readonly coreDir?: string;
  /** Extra roots: the configuration's `pluginDirs`, then `--plugins-dir` values (relative to `cwd`). */
  readonly extraDirs?: readonly string[];
  /**
   * Whether the project root counts (default true). The host passes false unless the user trusted the working
   * folder (`berth config trust`): a cloned repository must not be able to replace a plugin the user approved.
   */
  readonly includeProject?: boolean;
}

/**
 * The default roots in precedence order: project (`.berth/plugins` under `cwd`), user, core, then extra roots.
 * Paths are made absolute; a folder listed twice is kept only where it first appears.
 */
export function defaultDiscoveryRoots(options: DefaultRootsOptions = {}): DiscoveryRoot[] {
  const cwd = options.cwd ?? process.cwd();
  const roots: DiscoveryRoot[] = [
    ...(options.includeProject === false ? [] : [{ kind: 'project' as const, dir: path.resolve(cwd, PROJECT_PLUGINS_DIR) }]),
    { kind: 'user', dir: path.resolve(cwd, options.userDir ?? userPluginsDir()) },
  ];
  if (options.coreDir !== undefined) roots.push({ kind: 'core', dir: path.resolve(cwd, options.coreDir) });
  for (const dir of options.extraDirs ?? []) roots.push({ kind: 'extra', dir: path.resolve(cwd, dir) });
  return uniqueRoots(roots);
}

/** Drops roots whose folder already appeared earlier in the list (a plugin must not shadow itself). */
export function uniqueRoots(roots: readonly DiscoveryRoot[]): DiscoveryRoot[] {
  const seen = new Set<string>();
  return roots.filter((root) => {
    const key = path.resolve(root.dir);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
