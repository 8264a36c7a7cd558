import { satisfiesRange } from './ranges.js';

/**
 * The version of the plugin API this host provides; a manifest's `engines.berth` range must accept it.
 * Bump the major when a change breaks plugins written for the previous API.
 */
export const HOST_API_VERSION = '1.0.0';

/**
 * True when the `engines.berth` range accepts `hostApiVersion` (an absent range accepts any host).
 * Prereleases of the host count as their release (`includePrerelease`).
 */
export function acceptsHostApi(range: string | undefined, hostApiVersion: string): boolean {
  return range === undefined || satisfiesRange(hostApiVersion, range, true);
}
