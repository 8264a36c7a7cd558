import type { DiscoverableManifest, DiscoveryResult } from './types.js';

/**
 * The broken plugins whose manifest still names them (e.g. an invalid version) and of which no valid copy was found,
 * by name — pass it as resolution's `unavailable`, so their dependents fail with "not loaded because 'y' failed:
 * <y's manifest error>" instead of "not installed".
 */
export function brokenByName<M extends DiscoverableManifest, W>(result: DiscoveryResult<M, W>): Map<string, Error> {
  const valid = new Set(result.candidates.map((c) => c.manifest.name));
  const byName = new Map<string, Error>();
  for (const broken of result.broken) {
    const name = broken.name;
    if (name !== undefined && !valid.has(name) && !byName.has(name)) byName.set(name, broken.error);
  }
  return byName;
}
