import type { ManifestProblem, PluginManifest } from '@berth/sdk';
import { loadManifest } from '../manifest/index.js';
import { discover } from './discover.js';
import type { DiscoveryRoot } from './roots.js';
import type { DiscoveryResult } from './types.js';

/**
 * {@link discover} with the real manifest loader (`loadManifest`): the host's discovery.
 *
 * @param roots - the roots in precedence order (see `defaultDiscoveryRoots`)
 * @param options - how many manifests to load at once
 */
export function discoverPlugins(
  roots: readonly DiscoveryRoot[],
  options: { readonly concurrency?: number } = {},
): Promise<DiscoveryResult<PluginManifest, ManifestProblem>> {
  return discover({ roots, load: loadManifest, ...options });
}
