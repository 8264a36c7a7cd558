import { normalizePermissions, type PermissionEntry, type PluginManifest } from '@berth/sdk';
import type { SavedGrant } from '@berth/host';

/** A grant as a test writes it: a permission name, or a manifest-style scoped entry (`{ permission, paths }`). */
export type TestGrant = PermissionEntry;

/** The grants to save: the ones the test chose, or else every permission the manifest requests (as a user approving it). */
export function grantsFor(manifest: PluginManifest, chosen: readonly TestGrant[] | undefined): SavedGrant[] {
  return normalizePermissions(chosen ?? manifest.permissions).map((p) => ({
    permission: p.permission,
    ...(p.scope !== undefined ? { scope: [...p.scope] } : {}),
  }));
}
