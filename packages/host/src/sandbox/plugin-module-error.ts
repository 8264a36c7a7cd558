import { BerthError, ErrorCodes } from '@berth/sdk';

/** A plugin's `main` module does not export a usable plugin. */
export class PluginModuleError extends BerthError {
  /**
   * @param plugin - the plugin's name
   * @param file - its main module
   * @param problem - what is wrong and how to fix it
   */
  constructor(plugin: string, file: string, problem: string) {
    super(ErrorCodes.INITIALIZE_FAILED, `plugin '${plugin}' cannot start: ${file}: ${problem}`, { plugin, file });
  }
}
