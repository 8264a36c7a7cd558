import { BerthError, ErrorCodes } from '@berth/sdk';

/** The user disabled the plugin. */
export class PluginDisabledError extends BerthError {
  /** @param plugin - the disabled plugin */
  constructor(plugin: string) {
    super(ErrorCodes.PLUGIN_DISABLED, `plugin '${plugin}' is disabled (run: berth plugins enable ${plugin})`, {
      plugin,
      hint: `berth plugins enable ${plugin}`,
    });
  }
}
