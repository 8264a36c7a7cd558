import { GrantNotFoundError, GrantNotRequestedError, isPermissionName, PermissionUnknownError, PluginNotFoundError } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import { effectiveGrants, requestedGrants } from '../lifecycle/approval.js';
import type { PluginHost } from '../lifecycle/plugin-host.js';
import { diffGrants } from '../permissions/diff.js';
import { addGrant, revokeGrant, setGrants } from '../permissions/grants-config.js';
import type { GrantRequest, PermissionsView, RevokeRequest } from './types.js';

/** One grant as a user reads it: `filesystem.read (${workspace}, /data)`. */
export function grantLabel(grant: SavedGrant): string {
  return grant.scope !== undefined ? `${grant.permission} (${grant.scope.join(', ')})` : grant.permission;
}

/** A plugin's permissions (requested, in force, missing); `BERTH_PLUGIN_NOT_FOUND` when unknown. */
export function permissionsOf(host: PluginHost, name: string): PermissionsView & { readonly version?: string } {
  const info = host.get(name);
  if (info === undefined) throw new PluginNotFoundError(name, host.list().map((p) => p.name));
  const manifest = host.manifestOf(name);
  const config = host.config.read();
  const requested = manifest === undefined ? [] : requestedGrants(manifest);
  const granted = manifest === undefined ? [] : effectiveGrants(config, name, info.root, manifest);
  // Core plugins shipped with Berth come approved by the default configuration until the user edits them.
  const coreDefault = info.root === 'core' && config.plugins?.[name]?.grants === undefined;
  return { plugin: name, requested, granted, missing: diffGrants(requested, granted), coreDefault, ...(manifest !== undefined ? { version: manifest.version } : {}) };
}

/** Saves a grant (checked: a known permission the plugin requests, unless forced). */
export async function saveGrant(host: PluginHost, plugin: string, request: GrantRequest): Promise<void> {
  const { granted, requested, version } = permissionsOf(host, plugin);
  const permission = request.permission;
  if (permission !== undefined && !isPermissionName(permission)) throw new PermissionUnknownError(permission);
  if (permission !== undefined && request.force !== true && !requested.some((g) => g.permission === permission)) {
    throw new GrantNotRequestedError(plugin, permission, requested.map((g) => g.permission));
  }
  await host.config.update((config) => {
    const base = setGrants(config, plugin, granted, version);
    if (permission === undefined) return setGrants(base, plugin, [...granted, ...diffGrants(requested, granted)], version);
    return addGrant(base, plugin, { permission, ...(request.scope !== undefined ? { scope: request.scope } : {}) });
  });
}

/** Saves a revocation (checked: the plugin holds the permission). */
export async function saveRevoke(host: PluginHost, plugin: string, request: RevokeRequest): Promise<void> {
  const { granted, version } = permissionsOf(host, plugin);
  const permission = request.permission;
  if (permission !== undefined && !granted.some((g) => g.permission === permission)) {
    throw new GrantNotFoundError(plugin, permission, granted.map(grantLabel));
  }
  await host.config.update((config) => revokeGrant(setGrants(config, plugin, granted, version), plugin, permission, request.scope));
}
