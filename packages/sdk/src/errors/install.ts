import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** An installed plugin's tree differs from what its lock file recorded at install time: it does not start. */
export class InstallTamperedError extends BerthError {
  /**
   * @param plugin - the installed plugin
   * @param file - the first file that differs (absolute path)
   * @param change - `changed`, `missing` or `added`
   * @param lockFile - the lock file holding the recorded hashes
   */
  constructor(plugin: string, file: string, change: 'changed' | 'missing' | 'added', lockFile: string) {
    super(
      ErrorCodes.INSTALL_TAMPERED,
      `plugin '${plugin}' does not start: ${file} was ${change} after it was installed (it no longer matches ${lockFile}); ` +
        `if you did not make this change, treat the folder as compromised. Fix: reinstall the locked version ` +
        `(berth plugins update ${plugin} --reinstall) or remove it (berth mcp remove ${plugin})`,
      { plugin, file, change, lockFile, hint: `berth plugins update ${plugin} --reinstall` },
    );
  }
}

/** The package registry could not be reached. Nothing was installed or changed. */
export class RegistryUnreachableError extends BerthError {
  /**
   * @param spec - what was being fetched
   * @param registry - the registry URL
   * @param reason - the network error (e.g. `ECONNREFUSED`)
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(spec: string, registry: string, reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.REGISTRY_UNREACHABLE,
      `cannot fetch ${spec}: the package registry ${registry} is unreachable (${reason}); nothing was changed. ` +
        `Check the network (or --registry / npm_config_registry), or install from a local tarball: berth mcp add <name> ./package.tgz`,
      { spec, registry, reason, hint: 'check the network or the --registry option' },
      options,
    );
  }
}

/** No such package, or no version matching the range. */
export class PackageNotFoundError extends BerthError {
  /**
   * @param spec - what was asked for
   * @param reason - the registry's answer
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(spec: string, reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.PACKAGE_NOT_FOUND,
      `cannot install ${spec}: ${reason}; check the package name and version range (npm view <package> versions)`,
      { spec, reason, hint: 'check the package name and range' },
      options,
    );
  }
}

/** A package that cannot run as an MCP server the way Berth adds it. */
export class PackageNotServerError extends BerthError {
  /**
   * @param spec - the package
   * @param reason - why (no `bin`, several bins, …)
   * @param fix - what the user can do
   */
  constructor(spec: string, reason: string, fix: string) {
    super(ErrorCodes.PACKAGE_NOT_SERVER, `cannot add ${spec} as an MCP server: ${reason}; ${fix}`, { spec, reason, hint: fix });
  }
}

/** A source argument that is none of `npm:<pkg>[@range]`, a `.tgz` file, a folder. */
export class SourceInvalidError extends BerthError {
  /**
   * @param source - what the user wrote
   * @param reason - what is wrong with it
   */
  constructor(source: string, reason: string) {
    super(
      ErrorCodes.SOURCE_INVALID,
      `'${source}' is not a source Berth can install from: ${reason}; write npm:<package>[@range], ./file.tgz or ./folder`,
      { source, reason, hint: 'npm:<package>[@range], ./file.tgz or ./folder' },
    );
  }
}

/** Installing a package failed; the previous install (if any) is untouched. */
export class InstallFailedError extends BerthError {
  /**
   * @param plugin - the plugin being installed
   * @param spec - its source
   * @param reason - what failed
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(plugin: string, spec: string, reason: string, options?: ErrorOptions) {
    super(ErrorCodes.INSTALL_FAILED, `installing '${plugin}' from ${spec} failed: ${reason}; nothing was changed`, { plugin, spec, reason }, options);
  }
}

/** The lock file has no entry of that name. */
export class InstallNotFoundError extends BerthError {
  /**
   * @param plugin - the name asked for
   * @param lockFile - the lock file
   * @param known - the installed names
   */
  constructor(plugin: string, lockFile: string, known: readonly string[]) {
    const list = known.length > 0 ? ` (installed: ${known.join(', ')})` : '';
    super(
      ErrorCodes.INSTALL_NOT_FOUND,
      `'${plugin}' was not installed by berth mcp add or berth plugins install npm:… (no entry in ${lockFile})${list}; see: berth mcp list`,
      { plugin, file: lockFile, hint: 'berth mcp list' },
    );
  }
}

/** `berth plugins rollback` with nothing to return to. */
export class RollbackUnavailableError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param lockFile - the lock file
   */
  constructor(plugin: string, lockFile: string) {
    super(
      ErrorCodes.ROLLBACK_UNAVAILABLE,
      `'${plugin}' has no previous version to roll back to (${lockFile} keeps one after berth plugins update)`,
      { plugin, file: lockFile, hint: `berth plugins update ${plugin}` },
    );
  }
}
