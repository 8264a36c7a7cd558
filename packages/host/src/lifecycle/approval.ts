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
 * True when the saved grants of `name` were approved for this install: the saved identity is absent (an entry
 * written before identities existed, honoured by name) or equal to `identity`. A same-named plugin from another
 * source, version or folder is not the one the user approved.
 */
export function grantsBoundTo(config: HostConfig, name: string, identity: string | undefined): boolean {
  const saved = config.plugins?.[name]?.identity;
  return saved === undefined || identity === undefined || saved === identity;
}

/**
 * The grants in force for a plugin: what the user saved for this install identity; core plugins shipped with Berth
 * come approved by the default configuration (everything they request) until the user saves grants of their own.
 * Grants saved for another identity of the same name count as none.
 */
export function effectiveGrants(
  config: HostConfig,
  name: string,
  root: RootKind,
  manifest: PluginManifest | undefined,
  identity?: string,
): readonly SavedGrant[] {
  const saved = config.plugins?.[name]?.grants;
  if (saved !== undefined && !grantsBoundTo(config, name, identity)) return [];
  if (saved !== undefined) return saved;
  if (root === 'core' && manifest !== undefined) return requestedGrants(manifest);
  return [];
}

/** What the plugin requests beyond its grants: non-empty means it needs the user's approval. */
export function missingGrants(config: HostConfig, name: string, root: RootKind, manifest: PluginManifest, identity?: string): SavedGrant[] {
  return diffGrants(requestedGrants(manifest), effectiveGrants(config, name, root, manifest, identity));
}
