import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** A service is unknown, or the plugin that provided it stopped. Calls fail at once with this, never hang. */
export class ServiceUnavailableError extends BerthError {
  /**
   * @param plugin - the consumer
   * @param service - the service id
   * @param reason - why (e.g. "plugin 'docker' that provides it stopped")
   */
  constructor(plugin: string, service: string, reason: string) {
    super(ErrorCodes.SERVICE_UNAVAILABLE, `plugin '${plugin}' cannot use service '${service}': ${reason}`, {
      plugin,
      service,
      reason,
      hint: 'start the providing plugin again (berth plugins list shows its state), then retry',
    });
  }
}

/** A plugin asked for a service of a plugin it does not declare as a dependency. */
export class ServiceNotDeclaredError extends BerthError {
  /**
   * @param plugin - the consumer
   * @param service - the service id
   * @param provider - the plugin that provides it
   */
  constructor(plugin: string, service: string, provider: string) {
    super(
      ErrorCodes.SERVICE_NOT_DECLARED,
      `plugin '${plugin}' cannot use service '${service}' of plugin '${provider}': ` +
        `'${provider}' is not in the "dependencies" of ${plugin}'s plugin.json (add "${provider}": "*" or a version range)`,
      { plugin, service, provider, file: 'plugin.json', path: '/dependencies', hint: `add "${provider}" to /dependencies` },
    );
  }
}
