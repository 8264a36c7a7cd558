import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** A plugin's `initialize` threw or rejected. The cause is the plugin's own error. */
export class InitializeFailedError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param cause - what `initialize` threw
   */
  constructor(plugin: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(ErrorCodes.INITIALIZE_FAILED, `plugin '${plugin}' failed to initialize: ${reason}`, { plugin }, { cause });
  }
}

/** A plugin's `initialize` did not finish within its time limit. */
export class InitializeTimeoutError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param timeoutMs - the limit that passed
   */
  constructor(plugin: string, timeoutMs: number) {
    super(
      ErrorCodes.INITIALIZE_TIMEOUT,
      `plugin '${plugin}' did not finish initialize() within ${timeoutMs} ms ` +
        `(did it forget to resolve a promise? raise limits.initializeTimeoutMs in its plugin.json if it needs longer)`,
      { plugin, timeoutMs, hint: 'limits.initializeTimeoutMs' },
    );
  }
}

/** No plugin by that name is known to the host. */
export class PluginNotFoundError extends BerthError {
  /**
   * @param plugin - the name asked for
   * @param known - the names the host knows, for a hint
   */
  constructor(plugin: string, known: readonly string[] = []) {
    const list = known.length > 0 ? ` (known: ${known.join(', ')})` : '';
    super(ErrorCodes.PLUGIN_NOT_FOUND, `no plugin named '${plugin}'${list}; see: berth plugins list`, { plugin });
  }
}

/** The plugin is not in a state that allows the operation. */
export class PluginStateError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param state - its state
   * @param operation - what was attempted
   */
  constructor(plugin: string, state: string, operation: string) {
    super(ErrorCodes.PLUGIN_STATE, `cannot ${operation} plugin '${plugin}': it is ${state}`, { plugin, state });
  }
}
