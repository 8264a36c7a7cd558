import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * A hot reload did not happen: the new version's manifest is invalid, its code fails to load or `initialize`, or
 * its dependencies are not met. The running version keeps serving; the cause says what is wrong with the new one.
 */
export class ReloadFailedError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param running - the version that keeps serving (absent when none was running)
   * @param file - the plugin's `plugin.json`
   * @param cause - why the new version could not take over
   */
  constructor(plugin: string, running: string | undefined, file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const keeps = running !== undefined ? `; version ${running} keeps serving` : '';
    super(
      ErrorCodes.RELOAD_FAILED,
      `plugin '${plugin}' was not reloaded: ${reason}${keeps} (fix the plugin in ${file} and save again, or run: berth plugins reload ${plugin})`,
      { plugin, file, ...(running !== undefined ? { running } : {}), hint: `fix the plugin, then: berth plugins reload ${plugin}` },
      { cause },
    );
  }
}

/** A loaded plugin's `plugin.json` now gives another name: a reload cannot rename a plugin. */
export class ReloadRenamedError extends BerthError {
  /**
   * @param file - the plugin's `plugin.json`
   * @param was - the name it is loaded under
   * @param now - the name the file gives now
   */
  constructor(file: string, was: string, now: string) {
    super(
      ErrorCodes.RELOAD_RENAMED,
      `${file} now says name '${now}' instead of '${was}': a reload cannot rename a plugin (restart berth to load it under its new name)`,
      { plugin: was, file, path: '/name', renamedTo: now, hint: 'restart berth' },
    );
  }
}

/** A call still running on the replaced version of a plugin did not finish within the drain limit of a reload. */
export class ReloadDrainTimeoutError extends BerthError {
  /**
   * @param what - what was called, e.g. `tool 'a/echo'`
   * @param plugin - the plugin
   * @param version - the replaced version the call was running on
   * @param limitMs - the drain limit that passed
   */
  constructor(what: string, plugin: string, version: string, limitMs: number) {
    super(
      ErrorCodes.RELOAD_DRAIN_TIMEOUT,
      `${what} of plugin '${plugin}' was cancelled: version ${version} was replaced by a reload and the call did not ` +
        `finish within ${limitMs} ms of the switch (call again: the new version answers)`,
      { plugin, target: what, version, limitMs, hint: 'call again' },
    );
  }
}

/** `berth plugins reload` needs a running `berth serve` to reload a plugin in, and there is none. */
export class ReloadNoServerError extends BerthError {
  /**
   * @param plugin - the plugin to reload
   * @param socket - the control socket where a server would listen
   */
  constructor(plugin: string, socket: string) {
    super(
      ErrorCodes.RELOAD_NO_SERVER,
      `no 'berth serve' is running for this data folder (no control socket at ${socket}), so there is nothing to ` +
        `reload plugin '${plugin}' in; start one with: berth serve (it loads the plugin as it is now)`,
      { plugin, file: socket, hint: 'start: berth serve' },
    );
  }
}
