import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * `@berth/testing` could not bring a plugin up: its manifest is invalid, it waits for grants the test did not give,
 * or it failed to start. The message names the plugin, its folder, its state and the fix; the cause is the host's.
 */
export class TestPluginNotStartedError extends BerthError {
  /**
   * @param plugin - the plugin (or its folder when the manifest has no name)
   * @param dir - its folder
   * @param state - the state it ended in
   * @param hint - how to fix it
   * @param cause - the host's reason, when there is one
   */
  constructor(plugin: string, dir: string, state: string, hint: string, cause?: unknown) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    super(ErrorCodes.TEST_PLUGIN_NOT_STARTED, `plugin '${plugin}' (${dir}) did not start, it is ${state}${why}; ${hint}`, { plugin, file: dir, state, hint }, { cause });
  }
}

/** `berth new` refused: the target folder holds files, or the name or type is not usable. */
export class ScaffoldRefusedError extends BerthError {
  /**
   * @param target - the folder it would write
   * @param reason - why it refuses
   * @param hint - how to fix it
   */
  constructor(target: string, reason: string, hint: string) {
    super(ErrorCodes.SCAFFOLD_REFUSED, `berth new: ${reason} (${target}); ${hint}`, { file: target, hint });
  }
}

/** `berth pack` cannot pack a plugin folder (invalid manifest, not built, dependencies missing); nothing was written. */
export class PackageInvalidError extends BerthError {
  /**
   * @param file - the plugin folder
   * @param reason - what is wrong
   * @param hint - how to fix it
   * @param cause - the underlying error, when there is one
   */
  constructor(file: string, reason: string, hint: string, cause?: unknown) {
    super(ErrorCodes.PACKAGE_INVALID, `cannot pack ${file}: ${reason}; ${hint}`, { file, hint }, { cause });
  }
}
