import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** A second `berth serve` was started on a data folder another one already serves. */
export class ServerRunningError extends BerthError {
  /**
   * @param pid - the running server's process id
   * @param socket - its control socket
   * @param dataDir - the data folder both would use
   */
  constructor(pid: number, socket: string, dataDir: string) {
    super(
      ErrorCodes.SERVER_RUNNING,
      `another 'berth serve' (pid ${pid}) already serves the data folder ${dataDir} (control socket ${socket}); ` +
        `stop it first (kill ${pid}), or give this one its own data folder (BERTH_HOME)`,
      { pid, file: socket, dataDir, hint: `stop pid ${pid}, or set BERTH_HOME` },
    );
  }
}

/** An operation that needs a running `berth serve` (following a log, loading a plugin into it) found none. */
export class ServerNotRunningError extends BerthError {
  /**
   * @param operation - what was asked, e.g. `follow the log of plugin 'x'`
   * @param socket - the control socket where a server would listen
   */
  constructor(operation: string, socket: string) {
    super(
      ErrorCodes.SERVER_NOT_RUNNING,
      `cannot ${operation}: no 'berth serve' is running for this data folder (no control socket at ${socket}); start one with: berth serve`,
      { target: operation, file: socket, hint: 'start: berth serve' },
    );
  }
}

/** The control socket answered with something that is not the protocol, or went away mid-call. */
export class ControlProtocolError extends BerthError {
  /**
   * @param socket - the control socket
   * @param problem - what went wrong
   * @param cause - the underlying error
   */
  constructor(socket: string, problem: string, cause?: unknown) {
    super(ErrorCodes.CONTROL_PROTOCOL, `the control socket ${socket}: ${problem}`, { file: socket, hint: 'restart berth serve' }, cause !== undefined ? { cause } : undefined);
  }
}

/** A permission name not in the catalogue. */
export class PermissionUnknownError extends BerthError {
  /** @param permission - the name given */
  constructor(permission: string) {
    super(ErrorCodes.PERMISSION_UNKNOWN, `unknown permission '${permission}' (see docs/security.md for the catalogue)`, {
      permission,
      hint: 'see docs/security.md',
    });
  }
}

/** A grant of a permission the plugin's manifest does not request (without `--force`). */
export class GrantNotRequestedError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param permission - the permission
   * @param requested - what it requests
   */
  constructor(plugin: string, permission: string, requested: readonly string[]) {
    super(
      ErrorCodes.GRANT_NOT_REQUESTED,
      `plugin '${plugin}' does not request '${permission}' (it requests: ${requested.join(', ') || 'nothing'}); nothing granted. Use --force to grant it anyway.`,
      { plugin, permission, hint: 'use --force' },
    );
  }
}

/** A revoke of a permission the plugin does not hold. */
export class GrantNotFoundError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param permission - the permission
   * @param held - what it holds, as labels
   */
  constructor(plugin: string, permission: string, held: readonly string[]) {
    super(
      ErrorCodes.GRANT_NOT_FOUND,
      `plugin '${plugin}' holds no '${permission}' grant (it holds: ${held.join(', ') || 'none'}); nothing revoked.`,
      { plugin, permission, hint: 'see: berth permissions list' },
    );
  }
}
