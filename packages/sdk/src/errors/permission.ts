import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * A permission was not granted. The message names the plugin, the permission, what it was needed for and the
 * command that grants it.
 */
export class PermissionDeniedError extends BerthError {
  /**
   * @param plugin - the plugin that lacks the permission
   * @param permission - the permission it lacks (e.g. `docker.access`)
   * @param target - what it tried to reach (a service id, a path, a host), if any
   */
  constructor(plugin: string, permission: string, target?: string) {
    const what = target !== undefined ? ` to reach ${target}` : '';
    super(
      ErrorCodes.PERMISSION_DENIED,
      `plugin '${plugin}' needs permission '${permission}'${what}, which is not granted ` +
        `(run: berth permissions grant ${plugin} ${permission})`,
      { plugin, permission, ...(target !== undefined ? { target } : {}), hint: `berth permissions grant ${plugin} ${permission}` },
    );
  }

  /** The permission that was missing. */
  get permission(): string {
    return this.details['permission'] as string;
  }
}
