import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** A plugin root exists but cannot be listed (not a folder, no permission); its plugins are not discovered. */
export class DiscoveryRootUnreadableError extends BerthError {
  /**
   * @param dir - the root folder
   * @param kind - which root it is (`project`, `user`, `core`, `extra`)
   * @param reason - why it cannot be listed (e.g. the system error code)
   * @param cause - the underlying error
   */
  constructor(dir: string, kind: string, reason: string, cause?: unknown) {
    super(
      ErrorCodes.DISCOVERY_ROOT_UNREADABLE,
      `${dir}: cannot list the ${kind} plugin root: ${reason}; fix: make it a readable folder or remove it from the plugin roots`,
      { file: dir, root: kind, hint: 'make it a readable folder or remove it from the plugin roots' },
      cause !== undefined ? { cause } : undefined,
    );
  }
}
