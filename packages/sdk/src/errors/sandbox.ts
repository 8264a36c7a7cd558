import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** How a plugin's process ended, as {@link PluginCrashedError} reports it. */
export interface PluginExit {
  /** The exit code, when it exited by itself. */
  readonly exitCode?: number | null;
  /** The signal that ended it (e.g. `SIGKILL`), when there was one. */
  readonly signal?: string | null;
  /** Why the host ended it, when the host did (watchdog, memory, oversized message). */
  readonly reason?: string;
  /** The last lines it wrote to stderr. */
  readonly stderrTail?: readonly string[];
}

function describeExit(exit: PluginExit): string {
  const how =
    exit.signal != null ? `was killed by ${exit.signal}` : exit.exitCode != null ? `exited with code ${exit.exitCode}` : 'stopped';
  const why = exit.reason !== undefined ? ` (${exit.reason})` : '';
  const tail = exit.stderrTail !== undefined && exit.stderrTail.length > 0 ? `; last stderr lines:\n  ${exit.stderrTail.join('\n  ')}` : '';
  return `${how}${why}${tail}`;
}

/**
 * A plugin's process exited, crashed, ran out of memory or was killed: every call in flight rejects with this.
 * The message names the plugin, the exit code or signal and the last lines of its stderr.
 */
export class PluginCrashedError extends BerthError {
  /**
   * @param plugin - the plugin whose process ended
   * @param exit - how it ended
   */
  constructor(plugin: string, exit: PluginExit) {
    super(ErrorCodes.PLUGIN_CRASHED, `plugin '${plugin}' ${describeExit(exit)}`, {
      plugin,
      exitCode: exit.exitCode ?? null,
      signal: exit.signal ?? null,
      ...(exit.reason !== undefined ? { reason: exit.reason } : {}),
      stderrTail: exit.stderrTail ?? [],
      hint: `see the plugin's log lines (tagged '${plugin}'); it restarts by itself unless it keeps crashing`,
    });
  }
}

/** A plugin crashed too many times in a short window: it stays down until the user re-enables it. */
export class PluginCrashLoopError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param crashes - how many crashes
   * @param windowMs - in what window
   * @param last - the last crash
   */
  constructor(plugin: string, crashes: number, windowMs: number, last?: Error) {
    super(
      ErrorCodes.PLUGIN_CRASH_LOOP,
      `plugin '${plugin}' crashed ${crashes} times in ${Math.round(windowMs / 1000)} s and was stopped ` +
        `(run: berth plugins enable ${plugin}, after fixing it)`,
      { plugin, crashes, windowMs, hint: `berth plugins enable ${plugin}` },
      last !== undefined ? { cause: last } : undefined,
    );
  }
}

/** The host refused a message from a sandboxed plugin: unknown method, invalid params, oversized or malformed. */
export class RpcRefusedError extends BerthError {
  /**
   * @param plugin - the plugin that sent it
   * @param method - the RPC method (or `-` when the message could not be read)
   * @param problem - what was wrong
   */
  constructor(plugin: string, method: string, problem: string) {
    super(ErrorCodes.RPC_REFUSED, `plugin '${plugin}' sent a refused message '${method}': ${problem}`, {
      plugin,
      method,
      hint: 'plugins must use the PluginContext API; the RPC channel is not a public interface',
    });
  }
}

/** A folder to grant to a plugin holds a symlink that points outside it (Node's permission model follows it). */
export class UnsafeGrantError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param link - the symlink
   * @param target - where it points
   */
  constructor(plugin: string, link: string, target: string) {
    super(
      ErrorCodes.GRANT_UNSAFE,
      `plugin '${plugin}' cannot start: ${link} is a symlink to ${target}, outside the folder it is in ` +
        `(remove the symlink, or grant ${target} explicitly)`,
      { plugin, file: link, target, hint: `remove ${link}` },
    );
  }
}

/**
 * A filesystem grant covers one of Berth's own folders (its configuration and secrets, its data with every plugin's
 * data and installed code, its control socket and token) and the sandbox cannot hide that folder (no bubblewrap):
 * the plugin could grant itself anything at the next start, or drive the control socket.
 */
export class BerthFolderGrantError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param permission - `filesystem.read` or `filesystem.write`
   * @param granted - the granted path (expanded)
   * @param folder - the Berth folder it covers
   */
  constructor(plugin: string, permission: string, granted: string, folder: string) {
    super(
      ErrorCodes.GRANT_COVERS_BERTH,
      `plugin '${plugin}' cannot start: its ${permission} grant of ${granted} covers Berth's own folder ${folder} ` +
        `(configuration, secrets, plugin data or control token), and without bubblewrap the sandbox cannot hide it ` +
        `(grant a narrower folder that does not contain ${folder}: berth permissions revoke ${plugin} ${permission}, then grant the folder it needs; or install bubblewrap)`,
      { plugin, permission, target: granted, file: folder, hint: `grant a folder that does not contain ${folder}` },
    );
  }
}

/** A saved grant cannot be turned into a sandbox rule. */
export class GrantInvalidError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param permission - the permission of the grant
   * @param problem - what is wrong
   */
  constructor(plugin: string, permission: string, problem: string) {
    super(
      ErrorCodes.GRANT_INVALID,
      `plugin '${plugin}': the grant of '${permission}' is invalid: ${problem} ` +
        `(run: berth permissions revoke ${plugin} ${permission}, then grant it again)`,
      { plugin, permission, hint: `berth permissions revoke ${plugin} ${permission}` },
    );
  }
}

/** The requested sandbox is not available on this machine (e.g. `BERTH_SANDBOX=bwrap` without bubblewrap). */
export class SandboxUnavailableError extends BerthError {
  /**
   * @param sandbox - the sandbox asked for
   * @param problem - why it is unusable
   */
  constructor(sandbox: string, problem: string) {
    super(
      ErrorCodes.SANDBOX_UNAVAILABLE,
      `sandbox '${sandbox}' is not usable here: ${problem} (run: berth doctor; install bubblewrap, or set BERTH_SANDBOX=nobwrap)`,
      { sandbox, hint: 'berth doctor' },
    );
  }
}
