import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** A hook handler threw, rejected or timed out; the cause is its own error. */
export class HookFailedError extends BerthError {
  /**
   * @param hook - the hook's name, e.g. `tool:afterCall`
   * @param plugin - the plugin whose handler failed
   * @param cause - what went wrong
   */
  constructor(hook: string, plugin: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(ErrorCodes.HOOK_FAILED, `the '${hook}' handler of plugin '${plugin}' failed: ${reason}`, {
      plugin,
      hook,
      hint: `see the logs of plugin '${plugin}', or disable it: berth plugins disable ${plugin}`,
    }, { cause });
  }
}

/** A plugin event name is malformed, or would shadow a host event. */
export class EventNameInvalidError extends BerthError {
  /**
   * @param plugin - the emitting plugin
   * @param event - the offending name
   * @param problem - what is wrong
   */
  constructor(plugin: string, event: string, problem: string) {
    super(ErrorCodes.EVENT_NAME_INVALID, `plugin '${plugin}' cannot emit event '${event}': ${problem}`, {
      plugin,
      event,
      hint: 'emit a plain name such as "indexed"; the host prefixes it with the plugin name',
    });
  }
}
