import type { HostConfig, SavedGrant, SavedPluginState } from '../config/host-config.js';

/** The grants saved for a plugin (none when it has no entry). */
export function grantsOf(config: HostConfig, plugin: string): readonly SavedGrant[] {
  return config.plugins?.[plugin]?.grants ?? [];
}

function withPlugin(config: HostConfig, plugin: string, change: (state: SavedPluginState) => SavedPluginState): HostConfig {
  const state = config.plugins?.[plugin] ?? {};
  return { ...config, plugins: { ...config.plugins, [plugin]: change(state) } };
}

/**
 * A copy of `config` where `plugin`'s grants are exactly `grants`, approved for `version` (install, approve) and
 * bound to the install `identity` when given.
 */
export function setGrants(config: HostConfig, plugin: string, grants: readonly SavedGrant[], version?: string, identity?: string): HostConfig {
  return withPlugin(config, plugin, (s) => ({
    ...s,
    grants: [...grants],
    ...(version !== undefined ? { approvedVersion: version } : {}),
    ...(identity !== undefined ? { identity } : {}),
  }));
}

/**
 * A copy of `config` with one more grant for `plugin` (`berth permissions grant`). A scoped grant merges its scope
 * into an existing scoped grant of the same permission; an unscoped one replaces it.
 */
export function addGrant(config: HostConfig, plugin: string, grant: SavedGrant): HostConfig {
  const others = grantsOf(config, plugin).filter((g) => g.permission !== grant.permission);
  const same = grantsOf(config, plugin).find((g) => g.permission === grant.permission);
  const merged: SavedGrant =
    grant.scope === undefined || same === undefined || same.scope === undefined
      ? grant
      : { permission: grant.permission, scope: [...new Set([...same.scope, ...grant.scope])] };
  return withPlugin(config, plugin, (s) => ({ ...s, grants: [...others, merged] }));
}

/**
 * A copy of `config` without `permission` for `plugin` (`berth permissions revoke`); without `permission`, every
 * grant is revoked. With `scope`, only those scope entries are removed.
 */
export function revokeGrant(config: HostConfig, plugin: string, permission?: string, scope?: readonly string[]): HostConfig {
  const kept = grantsOf(config, plugin).flatMap((g): SavedGrant[] => {
    if (permission === undefined) return [];
    if (g.permission !== permission) return [g];
    if (scope === undefined || g.scope === undefined) return [];
    const rest = g.scope.filter((s) => !scope.includes(s));
    return rest.length > 0 ? [{ permission: g.permission, scope: rest }] : [];
  });
  return withPlugin(config, plugin, (s) => ({ ...s, grants: kept }));
}
