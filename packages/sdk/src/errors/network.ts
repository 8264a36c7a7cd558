import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * A plugin with a scoped `network` grant was not started: the host requires OS-level network enforcement (the
 * egress proxy in an empty network namespace), which needs bubblewrap, and bubblewrap is not usable here.
 */
export class NetworkEnforcementUnavailableError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param hosts - its network scope entries
   * @param problem - why OS-level enforcement is unavailable
   */
  constructor(plugin: string, hosts: readonly string[], problem: string) {
    super(
      ErrorCodes.NETWORK_ENFORCEMENT_UNAVAILABLE,
      `plugin '${plugin}' was not started: its network grant (${hosts.join(', ')}) would be enforced only by an in-process guard, ` +
        `and this host requires OS-level enforcement (the egress proxy needs bubblewrap: ${problem}) ` +
        '(run: berth doctor; install bubblewrap, or unset BERTH_REQUIRE_NETWORK_ENFORCEMENT)',
      { plugin, permission: 'network', hint: 'berth doctor' },
    );
  }
}
