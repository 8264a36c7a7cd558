import type { SavedGrant } from '../../config/host-config.js';
import type { PluginInfo } from '../../lifecycle/plugin-record.js';
import { grantWording, type GrantWording } from '../../permissions/grant-wording.js';

/** One thing waiting for the user's approval, its permissions in plain words. */
export interface Approval {
  /** `plugin`: a plugin that cannot start before it is granted; `reload`: a new version of a running plugin. */
  readonly kind: 'plugin' | 'reload';
  /** The plugin. */
  readonly plugin: string;
  /** The version waiting. */
  readonly version?: string;
  /** The version running now (reloads). */
  readonly running?: string;
  /** What it asks for beyond its grants, each in plain words. */
  readonly permissions: readonly (GrantWording & { readonly grant: SavedGrant })[];
}

const worded = (grants: readonly SavedGrant[]): Approval['permissions'] => grants.map((grant) => ({ ...grantWording(grant), grant }));

/** The approvals pending in a list of plugins: those waiting for grants, and new versions waiting for more permissions. */
export function pendingApprovals(plugins: readonly PluginInfo[]): Approval[] {
  const out: Approval[] = [];
  for (const p of plugins) {
    if (p.state === 'needs-approval' && p.missingPermissions !== undefined) {
      out.push({ kind: 'plugin', plugin: p.name, ...(p.version !== undefined ? { version: p.version } : {}), permissions: worded(p.missingPermissions) });
    }
    if (p.pendingReload !== undefined) {
      out.push({
        kind: 'reload',
        plugin: p.name,
        version: p.pendingReload.version,
        ...(p.version !== undefined ? { running: p.version } : {}),
        permissions: worded(p.pendingReload.missingPermissions),
      });
    }
  }
  return out;
}
