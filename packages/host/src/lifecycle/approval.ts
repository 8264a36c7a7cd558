import { normalizePermissions, type PluginManifest } from '@berth/sdk';
import type { HostConfig, SavedGrant } from '../config/host-config.js';
import type { RootKind } from '../discovery/roots.js';
import { diffGrants } from '../permissions/diff.js';

/** What a plugin requested, as grants. */
export function requestedGrants(manifest: PluginManifest): SavedGrant[] {
  return normalizePermissions(manifest.permissions).map((p) => ({
    permission: p.permission,
    ...(p.scope !== undefined ? { scope: p.scope } : {}),
  }));
}

/**
 * The grants in force for a plugin: what the user saved; core plugins shipped with Berth come approved by the
 * default configuration (everything they request) until the user saves grants of their own for them.
 */
export function effectiveGrants(config: HostConfig, name: string, root: RootKind, manifest: PluginManifest | undefined): readonly SavedGrant[] {
  const saved = config.plugins?.[name]?.grants;
  if (saved !== undefined) return saved;
  if (root === 'core' && manifest !== undefined) return requestedGrants(manifest);
  return [];
}

/** What the plugin requests beyond its grants: non-empty means it needs the user's approval. */
export function missingGrants(config: HostConfig, name: string, root: RootKind, manifest: PluginManifest): SavedGrant[] {
  return diffGrants(requestedGrants(manifest), effectiveGrants(config, name, root, manifest));
}
