import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** An installed copy of a plugin, as named in resolution messages: its version and its folder. */
export interface InstalledVersion {
  /** The installed version. */
  readonly version: string;
  /** The plugin's folder. */
  readonly dir: string;
}

/** One dependent and the range it asks for, as named in a {@link VersionConflictError}. */
export interface DependentRange {
  /** The dependent plugin. */
  readonly plugin: string;
  /** The semver range it declares in `dependencies`. */
  readonly range: string;
}

/** A JSON pointer to `dependencies.<name>` (escaping `/` in scoped names as RFC 6901 asks). */
function dependencyPointer(dependency: string): string {
  return `/dependencies/${dependency.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** `'a' -> 'b' -> 'a'` from `['a', 'b', 'a']`. */
export function formatCyclePath(cycle: readonly string[]): string {
  return cycle.map((name) => `'${name}'`).join(' -> ');
}

/**
 * A plugin depends (directly or through others) on itself. The message carries the cycle as its path, starting and
 * ending at the plugin: `plugin 'a' is in a dependency cycle: 'a' -> 'b' -> 'c' -> 'a'; …`.
 */
export class DependencyCycleError extends BerthError {
  /**
   * @param plugin - the plugin that cannot load
   * @param cycle - the cycle, first name repeated last (`['a', 'b', 'c', 'a']`)
   * @param file - the plugin's `plugin.json`
   */
  constructor(plugin: string, cycle: readonly string[], file: string) {
    const next = cycle[1] ?? plugin;
    super(
      ErrorCodes.DEPENDENCY_CYCLE,
      `plugin '${plugin}' is in a dependency cycle: ${formatCyclePath(cycle)}; ` +
        `remove one of these dependencies (e.g. dependencies.${next} in ${file})`,
      { plugin, file, path: dependencyPointer(next), cycle: [...cycle], hint: 'remove one dependency of the cycle' },
    );
  }

  /** The cycle, first name repeated last. */
  get cycle(): readonly string[] {
    return this.details['cycle'] as readonly string[];
  }
}

/** A plugin depends on a plugin that is not installed in any root. */
export class DependencyMissingError extends BerthError {
  /**
   * @param plugin - the dependent
   * @param dependency - the plugin it needs
   * @param range - the range it declares
   * @param file - the dependent's `plugin.json`
   */
  constructor(plugin: string, dependency: string, range: string, file: string) {
    super(
      ErrorCodes.DEPENDENCY_MISSING,
      `plugin '${plugin}' needs '${dependency}' ${range}, which is not installed; ` +
        `install '${dependency}' or remove dependencies.${dependency} from ${file}`,
      { plugin, file, path: dependencyPointer(dependency), dependency, range, hint: `install '${dependency}'` },
    );
  }
}

/** A plugin depends on a plugin that is installed, but in no version matching the declared range. */
export class DependencyMismatchError extends BerthError {
  /**
   * @param plugin - the dependent
   * @param dependency - the plugin it needs
   * @param range - the range it declares
   * @param installed - every installed version of `dependency` (at least one)
   * @param file - the dependent's `plugin.json`
   */
  constructor(plugin: string, dependency: string, range: string, installed: readonly InstalledVersion[], file: string) {
    const only =
      installed.length === 1
        ? `'${dependency}' ${installed[0]?.version} is installed (at ${installed[0]?.dir})`
        : `'${dependency}' ${installed.map((i) => `${i.version} (at ${i.dir})`).join(', ')} are installed`;
    super(
      ErrorCodes.DEPENDENCY_MISMATCH,
      `plugin '${plugin}' needs '${dependency}' ${range}, but only ${only}; ` +
        `install a version of '${dependency}' matching ${range} or change dependencies.${dependency} in ${file}`,
      {
        plugin,
        file,
        path: dependencyPointer(dependency),
        dependency,
        range,
        installed: installed.map((i) => ({ ...i })),
        hint: `install a version of '${dependency}' matching ${range}`,
      },
    );
  }
}

/** Several dependents ask for ranges of one plugin that no single installed version satisfies together. */
export class VersionConflictError extends BerthError {
  /**
   * @param plugin - the plugin whose version cannot be chosen
   * @param dependents - every dependent and its range
   * @param installed - every installed version of `plugin`
   */
  constructor(plugin: string, dependents: readonly DependentRange[], installed: readonly InstalledVersion[]) {
    const wants = dependents.map((d) => `'${d.plugin}' needs ${d.range}`).join(', ');
    const have = installed.map((i) => `${i.version} at ${i.dir}`).join(', ');
    super(
      ErrorCodes.VERSION_CONFLICT,
      `no installed version of plugin '${plugin}' satisfies every dependent: ${wants} (installed: ${have}); ` +
        `align dependencies.${plugin} in these plugins' plugin.json files or install a version matching all of them`,
      {
        plugin,
        dependents: dependents.map((d) => ({ ...d })),
        installed: installed.map((i) => ({ ...i })),
        hint: `align the ranges the dependents of '${plugin}' declare`,
      },
    );
  }
}

/** A plugin's `engines.berth` range does not accept the host's API version. */
export class HostApiMismatchError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param range - its `engines.berth` range
   * @param hostApiVersion - the API version this host provides
   * @param file - its `plugin.json`
   */
  constructor(plugin: string, range: string, hostApiVersion: string, file: string) {
    super(
      ErrorCodes.HOST_API_MISMATCH,
      `plugin '${plugin}' needs Berth API ${range}, but this host provides ${hostApiVersion}; ` +
        `install a version of '${plugin}' written for Berth API ${hostApiVersion} or change engines.berth in ${file}`,
      { plugin, file, path: '/engines/berth', range, hostApiVersion, hint: `use a version of '${plugin}' for Berth ${hostApiVersion}` },
    );
  }
}

/** A plugin is not loaded because one of its dependencies failed (resolution, or later, initialization). */
export class DependencyFailedError extends BerthError {
  /**
   * @param plugin - the dependent that is not loaded
   * @param dependency - the dependency that failed
   * @param reason - why the dependency failed (becomes the `cause`)
   */
  constructor(plugin: string, dependency: string, reason: Error) {
    super(
      ErrorCodes.DEPENDENCY_FAILED,
      `plugin '${plugin}' not loaded because '${dependency}' failed: ${reason.message}`,
      { plugin, dependency, hint: `fix '${dependency}' first` },
      { cause: reason },
    );
  }

  /** The dependency that failed. */
  get dependency(): string {
    return this.details['dependency'] as string;
  }
}
